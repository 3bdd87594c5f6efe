using System.Text.Unicode;
using CsvHelper;
using Registry.Cli.Infrastructure;

namespace Registry.Cli.Commands.Import;

/// <summary>
/// Reads a court export record by record (spec §6): UTF-8 with or without a BOM, a header row, <c>,</c> or <c>;</c>
/// (detected), RFC 4180 quoting with delimiters, quotes and line breaks inside fields, CRLF or LF. Streams: only the
/// current record is in memory, whatever the size of the file.
/// </summary>
/// <remarks>
/// Hostile files (docs/import.md): a record over <see cref="MaxRecordBytes"/> stops the import at its line (it cannot be
/// told from an unclosed quote, and reading on would hold it whole); a header over <see cref="MaxColumns"/> columns, with a
/// name over <see cref="MaxColumnNameLength"/> characters, or that is not UTF-8 text stops it before anything is sent; a row
/// holding bytes that are not UTF-8 is rejected on its own (<see cref="ImportFileRecord.InvalidUtf8Field"/>).
/// </remarks>
internal sealed class ImportFile : IAsyncDisposable
{
    /// <summary>The longest record read; an unclosed quote would otherwise swallow the rest of the file into one record.</summary>
    public const int MaxRecordBytes = 1 << 20;

    /// <summary>The most columns a header may have: the format has 13, a rejects file adds 2, the rest are ignored.</summary>
    public const int MaxColumns = 256;

    /// <summary>The longest column name.</summary>
    public const int MaxColumnNameLength = 100;

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
            try
            {
                await reader.ReadHeaderAsync(cancellationToken);
            }
            catch (CsvFormatException e)
            {
                throw new CliUsageException($"{path}, line 1: the header cannot be read: {e.Message} Nothing was imported.", e);
            }

            CheckHeader(path, reader);
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
            var fieldCount = _reader.FieldCount;
            long size = fieldCount;
            var invalidUtf8Field = -1;
            for (var i = 0; i < fieldCount; i++)
            {
                var raw = _reader.GetRawSpan(i);
                size += raw.Length;
                if (invalidUtf8Field < 0 && !Utf8.IsValid(raw))
                {
                    invalidUtf8Field = i;
                }
            }

            if (size > MaxRecordBytes)
            {
                // CsvHelper reads a record up to about twice its limit when it is already in the buffer; one bound for all.
                throw new CliUsageException(
                    $"{Path}, line {_reader.LineNumber}: the record is longer than {MaxRecordBytes / 1024} KiB (a huge field or an unclosed quote). Nothing after it was read.");
            }

            var fields = new string[fieldCount];
            for (var i = 0; i < fieldCount; i++)
            {
                fields[i] = _reader.GetString(i);
            }

            yield return new ImportFileRecord(_reader.LineNumber, fields) { InvalidUtf8Field = invalidUtf8Field };
        }
    }

    public ValueTask DisposeAsync() => _reader.DisposeAsync();

    /// <summary>Refuses a header that no court export has, before anything is sent; its names are never echoed.</summary>
    private static void CheckHeader(string path, CsvReader reader)
    {
        var names = reader.Headers;
        if (names.Count == 0)
        {
            throw new CliUsageException($"{path} is empty; the first line must be the header.");
        }

        if (names.Count > MaxColumns)
        {
            throw new CliUsageException($"{path}: the header has {names.Count} columns; a court export has at most {MaxColumns}. Is it a court export?");
        }

        if (reader.Separator is not (',' or ';'))
        {
            throw new CliUsageException($"{path}: the header is not separated by ',' or ';'.");
        }

        // CsvHelper decodes bytes that are not UTF-8 as U+FFFD.
        if (names.Any(n => n.Contains('\uFFFD', StringComparison.Ordinal) || n.Any(char.IsControl)))
        {
            throw new CliUsageException($"{path}: the header is not UTF-8 text (invalid bytes or control characters); save the file as UTF-8. Is it a court export?");
        }

        if (names.Any(n => n.Length > MaxColumnNameLength))
        {
            throw new CliUsageException($"{path}: a column name in the header is longer than {MaxColumnNameLength} characters. Is it a court export?");
        }
    }

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
internal sealed record ImportFileRecord(long Line, IReadOnlyList<string> Fields)
{
    /// <summary>Gets the index of the first field holding bytes that are not UTF-8 (decoded as U+FFFD), or -1.</summary>
    public int InvalidUtf8Field { get; init; } = -1;
}
