using System.CommandLine;
using Registry.Cli.Infrastructure;
using Registry.Cli.Json;
using Registry.Cli.Parsing;

namespace Registry.Cli.Commands.Keys;

/// <summary><c>registry keys revoke &lt;key-id&gt; --yes</c> (admin key).</summary>
internal static class KeysRevokeCommand
{
    public static Command Create(CliContext context)
    {
        var keyId = new Argument<string>("key-id") { Description = "The key id (the part after rk_ in the key)." };
        var yes = CommonOptions.Yes();
        var command = new Command("revoke", "Revoke an API key; it stops working within the service's key cache lifetime.") { keyId, yes };
        command.SetMappedAction(context, async (parseResult, output, cancellationToken) =>
        {
            Confirmation.Require(parseResult, yes, "revoking a key");
            var id = parseResult.GetValue(keyId)!;
            var revoked = await context.CreateClient(parseResult).RevokeApiKeyAsync(id, cancellationToken);
            output.Info($"audit receipt: {revoked.AuditEntryId}");
            output.WriteResult(
                new KeyRevokedResult(id, revoked.RevokedAt, revoked.AuditEntryId),
                CliJsonContext.Default.KeyRevokedResult,
                (writer, result) => writer.WriteLine($"revoked {result.KeyId}"));
            return ExitCodes.Ok;
        });
        return command;
    }
}
