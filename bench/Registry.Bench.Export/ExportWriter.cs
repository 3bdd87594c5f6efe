using System.Text;
using Registry.Bench.Seed;

namespace Registry.Bench.Export;

/// <summary>Streams the rows to the file: one reused row, a 1 MiB buffer, nothing kept per row.</summary>
public static class ExportWriter
{
    public static async Task<ExportSummary> WriteAsync(ExportArguments arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var random = new Random(arguments.Seed);
        var delimiter = arguments.Quirks ? ';' : ',';
        var quirks = arguments.Quirks ? new ExportQuirks(random, delimiter) : null;
        var generator = new ExportRowGenerator(random, arguments.AsOf, quirks);
        var injector = new BadRowInjector(random, arguments.AsOf, quirks);
        var directory = Path.GetDirectoryName(Path.GetFullPath(arguments.Output));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        var started = TimeProvider.System.GetTimestamp();
        await using (var stream = new FileStream(arguments.Output, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16))
        await using (var text = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: arguments.Quirks), 1 << 20))
        {
            var csv = new CsvRowWriter(text, delimiter, arguments.Quirks ? "\r\n" : "\n");
            var fields = new string[ExportRow.Columns.Count];
            ExportRow.Columns.ToArray().CopyTo(fields, 0);
            csv.WriteRow(fields);
            var row = new ExportRow();
            for (long i = 0; i < arguments.Rows; i++)
            {
                generator.Next(row);
                if (arguments.BadFraction > 0 && random.NextDouble() < arguments.BadFraction)
                {
                    injector.Apply(row);
                }

                row.CopyTo(fields);
                csv.WriteRow(fields);
                if ((i & 0xFFFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }
        }

        var elapsed = TimeProvider.System.GetElapsedTime(started);
        return new ExportSummary(arguments.Rows, new FileInfo(arguments.Output).Length, elapsed, injector.Counts);
    }
}
