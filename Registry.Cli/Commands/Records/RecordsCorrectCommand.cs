using System.CommandLine;
using System.Globalization;
using Registry.Cli.Infrastructure;
using Registry.Cli.Json;
using Registry.Cli.Parsing;
using Registry.Client.Admin;

namespace Registry.Cli.Commands.Records;

/// <summary><c>registry records correct</c> (admin key): changes a record's status or end date.</summary>
internal static class RecordsCorrectCommand
{
    private static readonly IReadOnlyList<string> Statuses = ["ACTIVE", "EXPIRED", "OVERTURNED"];

    public static Command Create(CliContext context)
    {
        var key = new RecordKeyOptions();
        var reason = CommonOptions.Reason();
        var status = new Option<string?>("--status")
        {
            Description = "The new status: active, expired or overturned (use 'records expunge' to expunge).",
            HelpName = "status",
            CustomParser = result =>
            {
                var canonical = EnumToken.TryCanonical(result.Tokens[0].Value, Statuses);
                if (canonical is null)
                {
                    result.AddError(EnumToken.Expected("status", result.Tokens[0].Value, Statuses));
                }

                return canonical;
            },
        };
        var expiresAt = new Option<DateOnly?>("--expires-at")
        {
            Description = "The new end date, YYYY-MM-DD.",
            HelpName = "YYYY-MM-DD",
            CustomParser = result =>
            {
                if (DateOnly.TryParseExact(result.Tokens[0].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    return date;
                }

                result.AddError("--expires-at must be a real date written YYYY-MM-DD.");
                return null;
            },
        };
        var command = new Command("correct", "Correct a record's status or end date.") { reason, status, expiresAt };
        key.AddTo(command);
        command.Validators.Add(result =>
        {
            if (result.GetResult(status) is null && result.GetResult(expiresAt) is null)
            {
                result.AddError("Give --status, --expires-at or both: there is nothing to correct otherwise.");
            }
        });
        command.SetMappedAction(context, async (parseResult, output, cancellationToken) =>
        {
            var sourceId = parseResult.GetValue(key.SourceId)!;
            var caseNumber = parseResult.GetValue(key.CaseNumber)!;
            var changed = await context.CreateClient(parseResult).CorrectRecordAsync(
                sourceId,
                caseNumber,
                parseResult.GetValue(reason)!,
                parseResult.GetValue(status) is { } s ? Enum.Parse<RecordStatus>(EnumToken.ToPascal(s)) : null,
                parseResult.GetValue(expiresAt),
                cancellationToken);
            output.Info($"audit receipt: {changed.AuditEntryId}");
            output.WriteResult(
                new RecordChangedResult(sourceId, caseNumber, "corrected", changed.AuditEntryId),
                CliJsonContext.Default.RecordChangedResult,
                (writer, result) => writer.WriteLine($"corrected {result.SourceId} {result.CaseNumber}"));
            return ExitCodes.Ok;
        });
        return command;
    }
}
