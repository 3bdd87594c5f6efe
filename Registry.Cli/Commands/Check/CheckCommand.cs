using System.CommandLine;
using System.Globalization;
using Registry.Cli.Commands.Identity;
using Registry.Cli.Infrastructure;
using Registry.Cli.Json;
using Registry.Cli.Parsing;
using Registry.Client.Consents;

namespace Registry.Cli.Commands.Check;

/// <summary><c>registry check</c> (partner key): checks a subject under a consent; the identity is hashed locally.</summary>
internal static class CheckCommand
{
    public static Command Create(CliContext context)
    {
        var subject = new SubjectOptions();
        var consent = new Option<string>("--consent") { Description = "The consent id the subject gave.", HelpName = "consent-id", Required = true };
        var purpose = CommonOptions.Purpose();
        var command = new Command("check", "Check a subject: prints NO_RECORD or RECORD_FOUND (and the summary the consent allows).")
        {
            consent, purpose,
        };
        subject.AddTo(command);
        command.SetMappedAction(context, async (parseResult, output, cancellationToken) =>
        {
            var identity = SubjectResolver.Resolve(parseResult, subject);
            var result = await context.CreateClient(parseResult).CheckAsync(
                identity,
                parseResult.GetValue(consent)!,
                Enum.Parse<Purpose>(EnumToken.ToPascal(parseResult.GetValue(purpose)!)),
                cancellationToken: cancellationToken);
            var view = CheckView.From(result);
            output.Info(string.Create(CultureInfo.InvariantCulture,
                $"audit receipt: {view.AuditEntryId} (request {view.RequestId}; consent uses remaining: {view.ConsentUsesRemaining})"));
            output.WriteResult(view, CliJsonContext.Default.CheckView, WriteText);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void WriteText(TextWriter writer, CheckView view)
    {
        writer.WriteLine(view.Outcome);
        if (view.Summary is not { } summary)
        {
            return;
        }

        foreach (var category in summary.Categories)
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{category.Category}\tcount {category.Count}\tlatest {category.LatestDecisionDate:yyyy-MM-dd}"));
        }

        writer.WriteLine($"PROTECTIVE_ORDER_IN_FORCE\t{(summary.ProtectiveOrderInForce ? "yes" : "no")}");
    }
}
