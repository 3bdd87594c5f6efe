using CsvHelper;
using Registry.Cli.Infrastructure;

namespace Registry.Cli.Commands.Import;

/// <summary>
/// Reads a court export record by record (spec §6): UTF-8 with or without a BOM, a header row, <c>,</c> or <c>;</c>
/// (detected), RFC 4180 quoting with delimiters, quotes and line breaks inside fields, CRLF or LF. Streams: only the
/// current record is in memory, whatever the size of the file.
/// </summary>
internal sealed class ImportFile : IAsyncDisposable
{
    /// <summary>The longest record read; an unclosed quote would otherwise swallow the rest of the file into one record.</summary>
    public const int MaxRecordBytes = 1 << 20;

    private static readonly CsvReaderOptions Options = CsvReaderOptions.Default with
    {
        TrackLineNumbers = true,
        SkipEmptyLines = true,
        MaxRecordSize = MaxRecordBytes,
        IncludeValuesInExceptions = false,
    };

    private readonly CsvReader _reader;

    private ImportFile(string path, CsvReader reader, long length, bool hasByteOrderMark, ImportHeader header)
    {
        Path = path;
        HasByteOrderMark = hasByteOrderMark;
        _reader = reader;
        Length = length;
        Header = header;
    }

    /// <summary>Gets the path of the file.</summary>
    public string Path { get; }

    /// <summary>Gets the size of the file in bytes, for progress.</summary>
    public long Length { get; }

    /// <summary>Gets a value indicating whether the file starts with a UTF-8 byte order mark (as Excel writes).</summary>
    public bool HasByteOrderMark { get; }

    /// <summary>Gets the header.</summary>
    public ImportHeader Header { get; }

    /// <summary>Gets the delimiter the file uses.</summary>
    public char Delimiter => _reader.Separator;

    /// <summary>Gets how far reading has got, in bytes from the start of the file.</summary>
    public long Position => _reader.ByteOffset;

    /// <summary>Opens <paramref name="path"/> and reads its header.</summary>
    /// <exception cref="CliUsageException">The file has no header, or not one of this format, or another delimiter.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static async Task<ImportFile> OpenAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        var length = new FileInfo(path).Length;
        var bom = await StartsWithByteOrderMarkAsync(path, cancellationToken);
        var reader = CsvReader.FromFile(path, Options);
        try
        {
            await reader.ReadHeaderAsync(cancellationToken);
            if (reader.Headers.Count == 0)
            {
                throw new CliUsageException($"{path} is empty; the first line must be the header.");
            }

            if (reader.Separator is not (',' or ';'))
            {
                throw new CliUsageException($"{path}: the header is not separated by ',' or ';'.");
            }

            return new ImportFile(path, reader, length, bom, ImportHeader.Resolve(reader.Headers));
        }
        catch
        {
            await reader.DisposeAsync();
            throw;
        }
    }

    /// <summary>Reads the records after the header, each with the line where it starts.</summary>
    /// <exception cref="CliUsageException">A record is malformed beyond recovery (e.g. an unclosed quote).</exception>
    public async IAsyncEnumerable<ImportFileRecord> ReadAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await ReadNextAsync(cancellationToken))
        {
            var fields = new string[_reader.FieldCount];
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = _reader.GetString(i);
            }

            yield return new ImportFileRecord(_reader.LineNumber, fields);
        }
    }

    public ValueTask DisposeAsync() => _reader.DisposeAsync();

    private static async Task<bool> StartsWithByteOrderMarkAsync(string path, CancellationToken cancellationToken)
    {
        var start = new byte[3];
        await using var stream = File.OpenRead(path);
        var read = await stream.ReadAtLeastAsync(start, start.Length, throwOnEndOfStream: false, cancellationToken);
        return read == 3 && start is [0xEF, 0xBB, 0xBF];
    }

    private async ValueTask<bool> ReadNextAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _reader.ReadAsync(cancellationToken);
        }
        catch (CsvFormatException e)
        {
            // Values stay out of the message (IncludeValuesInExceptions is off): they may be personal data.
            throw new CliUsageException($"{Path}, line {e.LineNumber}: {e.Message} Nothing after it was read.", e);
        }
    }
}

/// <summary>One record of a court export.</summary>
/// <param name="Line">The physical line where the record starts; the header is line 1.</param>
/// <param name="Fields">The record's fields, unquoted.</param>
internal sealed record ImportFileRecord(long Line, IReadOnlyList<string> Fields);
