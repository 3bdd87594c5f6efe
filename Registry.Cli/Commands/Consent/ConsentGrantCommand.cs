using System.CommandLine;
using System.Globalization;
using Registry.Cli.Commands.Identity;
using Registry.Cli.Infrastructure;
using Registry.Cli.Json;
using Registry.Cli.Parsing;
using Registry.Client.Consents;

namespace Registry.Cli.Commands.Consent;

/// <summary><c>registry consent grant</c> (partner key): records a subject's consent; the identity is hashed locally.</summary>
internal static class ConsentGrantCommand
{
    public static Command Create(CliContext context)
    {
        var subject = new SubjectOptions();
        var purpose = CommonOptions.Purpose();
        var scope = CommonOptions.Scope();
        var validFor = CommonOptions.Duration("--valid-for", "How long the consent lasts, e.g. 7d or 12h (default and maximum: the service's, 30d).");
        var maxUses = new Option<int?>("--max-uses") { Description = "How many checks it allows, 1..100 (default 1).", HelpName = "n" };
        maxUses.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is { } n && n is < 1 or > 100)
            {
                result.AddError("--max-uses must be 1..100.");
            }
        });
        var evidence = new Option<EvidenceValue?>("--evidence")
        {
            Description = "How the subject consented: <kind>:<reference>, kind sms-otp, digital-signature or in-app-attestation.",
            HelpName = "kind:ref",
            Required = true,
            CustomParser = result =>
            {
                var parsed = EvidenceValue.TryParse(result.Tokens[0].Value, out var error);
                if (parsed is null)
                {
                    result.AddError($"--evidence: {error}");
                }

                return parsed;
            },
        };
        var capturedAt = CommonOptions.Instant("--evidence-captured-at", "When the evidence was captured, ISO-8601 (default: now).");
        var command = new Command("grant", "Record a subject's consent and print the consent id.")
        {
            purpose, scope, validFor, maxUses, evidence, capturedAt,
        };
        subject.AddTo(command);
        command.SetMappedAction(context, async (parseResult, output, cancellationToken) =>
        {
            var identity = SubjectResolver.Resolve(parseResult, subject);
            var proof = parseResult.GetValue(evidence)!;
            var granted = await context.CreateClient(parseResult).GrantConsentAsync(
                identity,
                Enum.Parse<Purpose>(EnumToken.ToPascal(parseResult.GetValue(purpose)!)),
                Enum.Parse<ConsentScope>(EnumToken.ToPascal(parseResult.GetValue(scope)!)),
                new ConsentEvidence(
                    Enum.Parse<EvidenceKind>(EnumToken.ToPascal(proof.Kind)),
                    proof.Reference,
                    parseResult.GetValue(capturedAt) ?? context.TimeProvider.GetUtcNow()),
                parseResult.GetValue(validFor),
                parseResult.GetValue(maxUses),
                cancellationToken: cancellationToken);
            output.Info(string.Create(CultureInfo.InvariantCulture,
                $"expires {granted.ExpiresAt.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}, max uses {granted.MaxUses}, audit receipt: {granted.AuditEntryId}"));
            output.WriteResult(
                new ConsentGrantedResult(granted.ConsentId, granted.ExpiresAt, granted.MaxUses, granted.AuditEntryId),
                CliJsonContext.Default.ConsentGrantedResult,
                (writer, result) => writer.WriteLine(result.ConsentId));
            return ExitCodes.Ok;
        });
        return command;
    }
}
