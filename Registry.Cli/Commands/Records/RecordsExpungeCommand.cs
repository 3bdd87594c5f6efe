using System.CommandLine;
using Registry.Cli.Infrastructure;
using Registry.Cli.Json;
using Registry.Cli.Parsing;

namespace Registry.Cli.Commands.Records;

/// <summary><c>registry records expunge --yes</c> (admin key): the record is never disclosed again.</summary>
internal static class RecordsExpungeCommand
{
    public static Command Create(CliContext context)
    {
        var key = new RecordKeyOptions();
        var reason = CommonOptions.Reason();
        var yes = CommonOptions.Yes();
        var command = new Command("expunge", "Expunge a record: it is never disclosed again.") { reason, yes };
        key.AddTo(command);
        command.SetMappedAction(context, async (parseResult, output, cancellationToken) =>
        {
            Confirmation.Require(parseResult, yes, "expunging a record");
            var sourceId = parseResult.GetValue(key.SourceId)!;
            var caseNumber = parseResult.GetValue(key.CaseNumber)!;
            var changed = await context.CreateClient(parseResult).ExpungeRecordAsync(
                sourceId, caseNumber, parseResult.GetValue(reason)!, cancellationToken);
            output.Info($"audit receipt: {changed.AuditEntryId}");
            output.WriteResult(
                new RecordChangedResult(sourceId, caseNumber, "expunged", changed.AuditEntryId),
                CliJsonContext.Default.RecordChangedResult,
                (writer, result) => writer.WriteLine($"expunged {result.SourceId} {result.CaseNumber}"));
            return ExitCodes.Ok;
        });
        return command;
    }
}
