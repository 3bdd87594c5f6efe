using System.Globalization;

namespace Registry.Bench.Export;

/// <summary>Writes a synthetic court export (see <see cref="ExportArguments"/>); the summary goes to stderr.</summary>
public static class ExportProgram
{
    public static async Task<int> Main(string[] args)
    {
        ExportArguments arguments;
        try
        {
            arguments = ExportArguments.Parse(args, DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime));
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}\n{ExportArguments.Usage}");
            return 1;
        }

        var summary = await ExportWriter.WriteAsync(arguments, CancellationToken.None);
        var error = Console.Error;
        var seconds = summary.Elapsed.TotalSeconds;
        await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"wrote {summary.Rows} rows, {summary.Bytes} bytes ({summary.Bytes / 1048576.0:F1} MiB) to {arguments.Output} in {seconds:F2} s ({summary.Rows / seconds:F0} rows/s); seed {arguments.Seed}, as of {arguments.AsOf:yyyy-MM-dd}, {(arguments.Quirks ? "quirks (';', BOM, CRLF)" : "plain (',', LF)")}"));
        var bad = summary.BadRows.Sum(b => b.Rows);
        await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"bad rows: {bad}"));
        foreach (var (kind, rows) in summary.BadRows)
        {
            if (bad > 0)
            {
                await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {kind}: {rows}"));
            }
        }

        return 0;
    }
}
