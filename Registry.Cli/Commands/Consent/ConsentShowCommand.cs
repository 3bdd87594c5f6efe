using System.CommandLine;
using System.Globalization;
using Registry.Cli.Infrastructure;
using Registry.Cli.Json;

namespace Registry.Cli.Commands.Consent;

/// <summary><c>registry consent show &lt;consent-id&gt;</c> (partner key).</summary>
internal static class ConsentShowCommand
{
    public static Command Create(CliContext context)
    {
        var consentId = new Argument<string>("consent-id") { Description = "The consent to show." };
        var command = new Command("show", "Show a consent's state.") { consentId };
        command.SetMappedAction(context, async (parseResult, output, cancellationToken) =>
        {
            var consent = await context.CreateClient(parseResult).GetConsentAsync(parseResult.GetValue(consentId)!, cancellationToken);
            output.WriteResult(ConsentView.From(consent), CliJsonContext.Default.ConsentView, WriteText);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void WriteText(TextWriter writer, ConsentView consent)
    {
        writer.WriteLine($"consent-id: {consent.ConsentId}");
        writer.WriteLine($"purpose:    {consent.Purpose}");
        writer.WriteLine($"scope:      {consent.Scope}");
        writer.WriteLine($"granted:    {Utc(consent.GrantedAt)}");
        writer.WriteLine($"expires:    {Utc(consent.ExpiresAt)}");
        writer.WriteLine($"revoked:    {(consent.RevokedAt is { } at ? Utc(at) : "no")}");
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"uses:       {consent.Uses} of {consent.MaxUses}"));
        writer.WriteLine($"evidence:   {consent.EvidenceKind}");
    }

    private static string Utc(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
