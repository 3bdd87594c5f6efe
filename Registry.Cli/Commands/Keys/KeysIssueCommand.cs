using System.CommandLine;
using Registry.Cli.Infrastructure;
using Registry.Cli.Json;

namespace Registry.Cli.Commands.Keys;

/// <summary><c>registry keys issue &lt;partner-id&gt;</c> (admin key).</summary>
internal static class KeysIssueCommand
{
    public static Command Create(CliContext context)
    {
        var partnerId = new Argument<string>("partner-id") { Description = "The partner to issue a key for." };
        var command = new Command("issue", "Issue a new API key for a partner (shown once).") { partnerId };
        command.SetMappedAction(context, async (parseResult, output, cancellationToken) =>
        {
            var partner = parseResult.GetValue(partnerId)!;
            var issued = await context.CreateClient(parseResult).IssueApiKeyAsync(partner, cancellationToken);
            output.Warn(ApiKeyView.StoreItNowWarning);
            output.Info($"audit receipt: {issued.AuditEntryId}");
            output.WriteResult(
                new KeyIssuedResult(partner, ApiKeyView.From(issued), issued.AuditEntryId),
                CliJsonContext.Default.KeyIssuedResult,
                (writer, result) =>
                {
                    writer.WriteLine($"key-id:  {result.ApiKey.KeyId}");
                    writer.WriteLine($"api-key: {result.ApiKey.ApiKey}");
                });
            return ExitCodes.Ok;
        });
        return command;
    }
}
