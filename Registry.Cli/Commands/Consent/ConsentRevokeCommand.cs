using System.CommandLine;
using Registry.Cli.Infrastructure;
using Registry.Cli.Json;

namespace Registry.Cli.Commands.Consent;

/// <summary><c>registry consent revoke &lt;consent-id&gt;</c> (partner key).</summary>
internal static class ConsentRevokeCommand
{
    public static Command Create(CliContext context)
    {
        var consentId = new Argument<string>("consent-id") { Description = "The consent to revoke." };
        var command = new Command("revoke", "Revoke a consent; every later check under it is refused.") { consentId };
        command.SetMappedAction(context, async (parseResult, output, cancellationToken) =>
        {
            var id = parseResult.GetValue(consentId)!;
            var revoked = await context.CreateClient(parseResult).RevokeConsentAsync(id, cancellationToken: cancellationToken);
            output.Info($"audit receipt: {revoked.AuditEntryId}");
            output.WriteResult(
                new ConsentRevokedResult(id, revoked.RevokedAt, revoked.AuditEntryId),
                CliJsonContext.Default.ConsentRevokedResult,
                (writer, result) => writer.WriteLine($"revoked {result.ConsentId}"));
            return ExitCodes.Ok;
        });
        return command;
    }
}
