using System.CommandLine;
using System.Runtime.CompilerServices;
using Registry.Cli.Infrastructure;
using Registry.Cli.Json;
using Registry.Cli.Parsing;
using Registry.Client;
using Registry.Client.Audit;

namespace Registry.Cli.Commands.Audit;

/// <summary>
/// <c>registry audit export --out file.csv</c> (auditor key). Without filters it exports a sequence range with its
/// checkpoints, verifiable offline; with filters it exports the matching entries (a subset, not verifiable).
/// </summary>
internal static class AuditExportCommand
{
    public static Command Create(CliContext context)
    {
        var output = new Option<FileInfo>("--out", "-o") { Description = "The CSV file to write (replaced).", Required = true, HelpName = "file.csv" };
        var fromSeq = new Option<long>("--from-seq") { Description = "First sequence number (unfiltered export).", HelpName = "n" };
        var toSeq = new Option<long?>("--to-seq") { Description = "Last sequence number, inclusive (unfiltered export).", HelpName = "n" };
        var filters = new AuditFilterOptions();
        var command = new Command("export", "Export audit entries to CSV (formula-like cells neutralised with a leading ').")
        {
            output, fromSeq, toSeq,
        };
        filters.AddTo(command);
        command.SetMappedAction(context, async (parseResult, cli, cancellationToken) =>
        {
            var client = context.CreateClient(parseResult);
            var path = parseResult.GetValue(output)!.FullName;
            AuditExportResult result;
            if (filters.ToQuery(parseResult) is { } query)
            {
                cli.Warn("a filtered export is a subset of the log and cannot be verified offline.");
                var rows = await AuditCsvFile.WriteAsync(path, QueryRowsAsync(client, query, cancellationToken), cancellationToken);
                result = new AuditExportResult(path, rows, Verifiable: false, null, 0);
            }
            else
            {
                var checkpoints = new List<string>();
                var rows = await AuditCsvFile.WriteAsync(
                    path,
                    ExportRowsAsync(client, parseResult.GetValue(fromSeq), parseResult.GetValue(toSeq), checkpoints, cancellationToken),
                    cancellationToken);
                await AuditCheckpointsFile.WriteAsync(path, checkpoints, cancellationToken);
                result = new AuditExportResult(path, rows, Verifiable: true, AuditCheckpointsFile.PathFor(path), checkpoints.Count);
            }

            cli.WriteResult(result, CliJsonContext.Default.AuditExportResult,
                (writer, r) => writer.WriteLine($"{r.Rows} entries -> {r.Out}{(r.Verifiable ? $" ({r.Checkpoints} checkpoints -> {r.CheckpointsFile})" : string.Empty)}"));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static async IAsyncEnumerable<AuditCsvRow> QueryRowsAsync(
        RegistryClient client, AuditQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var entry in client.QueryAuditLogAsync(query, cancellationToken))
        {
            yield return AuditRowMapping.ToRow(entry);
        }
    }

    private static async IAsyncEnumerable<AuditCsvRow> ExportRowsAsync(
        RegistryClient client, long from, long? to, List<string> checkpoints, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var page in client.ExportAuditLogAsync(from, to, cancellationToken))
        {
            checkpoints.AddRange(page.Checkpoints.Select(c => c.SignedNote));
            foreach (var entry in page.Entries)
            {
                yield return AuditRowMapping.ToRow(entry);
            }
        }
    }
}
