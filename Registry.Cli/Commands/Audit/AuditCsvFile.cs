using CsvHelper;

namespace Registry.Cli.Commands.Audit;

/// <summary>Writes audit rows to a CSV file that is safe to open in a spreadsheet.</summary>
internal static class AuditCsvFile
{
    /// <summary>
    /// RFC 4180 with a header, CRLF and UTF-8. Text cells starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c> (and tab
    /// or CR, as OWASP recommends) get a leading <c>'</c>: request ids and reasons come from partners, and a spreadsheet
    /// would otherwise run them as formulas (CSV injection).
    /// </summary>
    public static CsvWriterOptions Options { get; } = CsvWriterOptions.Default with
    {
        Injection = CsvInjection.Escape,
        InjectionEscape = '\'',
    };

    /// <summary>Writes <paramref name="rows"/> to <paramref name="path"/>, replacing it; returns how many rows were written.</summary>
    public static async Task<long> WriteAsync(string path, IAsyncEnumerable<AuditCsvRow> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        long count = 0;
        await using var writer = CsvWriter.ToFile(path, Options);
        writer.WriteHeader<AuditCsvRow>();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            await writer.WriteRecordAsync(row, cancellationToken);
            count++;
        }

        await writer.FlushAsync(cancellationToken);
        return count;
    }
}
