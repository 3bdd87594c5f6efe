using CsvHelper;

namespace Registry.Cli.Commands.Import;

/// <summary>
/// The rows that were not imported, as the file had them, ready to be fixed and imported again: the same header and delimiter
/// (and BOM), plus <c>line</c> (where the row starts in the imported file) and <c>reason</c>. An earlier rejects file's own
/// <c>line</c> and <c>reason</c> are replaced, not repeated. Created on the first rejection, replacing an older file; rows are
/// written in the order they were found (this machine's rejections as they are read, the service's when their batch is answered).
/// </summary>
/// <remarks>Thread-safe: the reading side and the answering side of an import both write to it.</remarks>
internal sealed class RejectsFile(string path, ImportHeader header, char delimiter, bool byteOrderMark) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private CsvWriter? _writer;
    private long _count;

    /// <summary>Gets the path of the file.</summary>
    public string Path => path;

    /// <summary>Gets how many rows have been written.</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <summary>Writes one rejected row.</summary>
    /// <param name="fields">The row's fields as read.</param>
    /// <param name="rejection">Where and why.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public async Task WriteAsync(IReadOnlyList<string> fields, ImportRejection rejection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(rejection);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var writer = _writer ??= Create();
            // A row of the header's width keeps only the original columns; any other row is kept whole, so nothing is lost.
            IEnumerable<string> original = fields.Count == header.Names.Count ? header.OriginalColumns.Select(i => fields[i]) : fields;
            foreach (var field in original)
            {
                writer.WriteField(field);
            }

            writer.WriteField(rejection.Line.ToString(System.Globalization.CultureInfo.InvariantCulture));
            writer.WriteField(rejection.Text);
            await writer.EndRecordAsync(cancellationToken);
            Interlocked.Increment(ref _count);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_writer is not null)
        {
            await _writer.DisposeAsync();
        }

        _gate.Dispose();
    }

    private CsvWriter Create()
    {
        var writer = CsvWriter.ToFile(path, CsvWriterOptions.Default with
        {
            Separator = delimiter,
            WriteByteOrderMark = byteOrderMark,
            ValidateFieldCount = false,
        });
        writer.WriteHeader([.. header.OriginalColumns.Select(i => header.Names[i].TrimStart('\uFEFF')), ImportHeader.LineColumn, ImportHeader.ReasonColumn]);
        return writer;
    }
}
