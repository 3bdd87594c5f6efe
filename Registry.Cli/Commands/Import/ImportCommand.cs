using System.CommandLine;
using System.Globalization;
using Registry.Cli.Infrastructure;
using Registry.Cli.Json;
using Registry.Client.Admin;

namespace Registry.Cli.Commands.Import;

/// <summary>
/// <c>registry import file.csv</c> (admin key): imports a court export (spec §6, docs/import.md). Identities are hashed on
/// this machine; rows stream to the service in batches; rejected rows go to a rejects file to fix and import again.
/// </summary>
internal static class ImportCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<FileInfo>("file") { Description = "The CSV export to import (UTF-8, ',' or ';', a header row).", HelpName = "file.csv" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Validate every row, here and on the service, and report; write nothing." };
        var rejectsPath = new Option<FileInfo?>("--rejects")
        {
            Description = "Where to write the rejected rows (replaced). Default: next to the file, court.csv -> court.rejects.csv; written only when a row is rejected.",
            HelpName = "file.csv",
        };
        var batchSize = new Option<int>("--batch-size")
        {
            Description = $"Rows per batch, 1..{RecordRowRules.MaxRowsPerBatch}; each batch is applied atomically.",
            HelpName = "n",
            DefaultValueFactory = _ => RecordRowRules.MaxRowsPerBatch,
            CustomParser = result =>
            {
                if (int.TryParse(result.Tokens[0].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size is >= 1 and <= RecordRowRules.MaxRowsPerBatch)
                {
                    return size;
                }

                result.AddError(string.Create(CultureInfo.InvariantCulture, $"--batch-size must be a number 1..{RecordRowRules.MaxRowsPerBatch}."));
                return 0;
            },
        };
        var command = new Command("import", $"""
            Import court records from a CSV export (admin key). See docs/import.md.
            Exit 0 when every row was imported, 3 when some were rejected (listed in the rejects file).
            """)
        {
            file, dryRun, rejectsPath, batchSize,
        };
        command.SetMappedAction(context, async (parseResult, output, cancellationToken) =>
        {
            var path = parseResult.GetValue(file)!.FullName;
            var rejectsFile = parseResult.GetValue(rejectsPath)?.FullName ?? DefaultRejectsPath(path);
            if (string.Equals(rejectsFile, path, StringComparison.Ordinal))
            {
                throw new CliUsageException("--rejects names the file being imported; choose another file.");
            }

            var client = context.CreateClient(parseResult);
            var isDryRun = parseResult.GetValue(dryRun);
            await using var source = await ImportFile.OpenAsync(path, cancellationToken);
            if (source.Header.Ignored.Count > 0)
            {
                var shown = source.Header.Ignored.Take(10).Select(c => $"'{ImportValues.Echo(c)}'");
                var more = source.Header.Ignored.Count > 10 ? $" and {source.Header.Ignored.Count - 10} more" : string.Empty;
                output.Warn($"ignoring the columns {string.Join(", ", shown)}{more}: they are not part of the format.");
            }

            var hadRejectsFile = File.Exists(rejectsFile);
            var totals = await RunAsync(context, output, source, rejectsFile, parseResult.GetValue(batchSize),
                (batches, ct) => client.ImportRecordsAsync(Path.GetFileName(path), batches, isDryRun, ct), cancellationToken);
            if (totals.Rejected == 0 && hadRejectsFile)
            {
                output.Warn($"{rejectsFile} is from an earlier run: this import rejected no row.");
            }

            var summary = new ImportSummary(parseResult.GetValue(file)!.ToString(), isDryRun, totals.Total, totals.Inserted, totals.Updated,
                totals.Unchanged, totals.Rejected, totals.Batches, totals.ImportId, totals.Rejected > 0 ? rejectsFile : null);
            output.WriteResult(summary, CliJsonContext.Default.ImportSummary, WriteText);
            return totals.Rejected > 0 ? ExitCodes.PartialSuccess : ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The default rejects file: <c>court.csv</c> → <c>court.rejects.csv</c>, next to it.</summary>
    public static string DefaultRejectsPath(string path) => Path.ChangeExtension(path, null) + ".rejects.csv";

    private static async Task<ImportTotals> RunAsync(
        CliContext context, CommandOutput output, ImportFile source, string rejectsPath, int batchSize, ImportSender send, CancellationToken cancellationToken)
    {
        await using var rejects = new RejectsFile(rejectsPath, source.Header, source.Delimiter, source.HasByteOrderMark);
        var progress = new ImportProgress(source.Length, context.TimeProvider);
        var parser = new RecordRowParser(source.Header, context.TimeProvider);
        return await ImportDisplay.RunAsync(output.Error, progress, context.TimeProvider, async display =>
        {
            using var pipeline = new ImportPipeline(source, parser, rejects, progress, display, batchSize);
            return await pipeline.RunAsync(send, cancellationToken);
        });
    }

    private static void WriteText(TextWriter writer, ImportSummary summary)
    {
        writer.WriteLine(summary.DryRun ? "dry run: nothing was written" : $"import id\t{summary.ImportId}");
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"total\t{summary.Total}"));
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"inserted\t{summary.Inserted}"));
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"updated\t{summary.Updated}"));
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"unchanged\t{summary.Unchanged}"));
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"rejected\t{summary.Rejected}"));
        if (summary.RejectsFile is not null)
        {
            writer.WriteLine($"rejects\t{summary.RejectsFile}");
        }
    }
}
