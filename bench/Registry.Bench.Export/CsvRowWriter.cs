using System.Buffers;

namespace Registry.Bench.Export;

/// <summary>
/// Writes RFC 4180 rows: a field holding the delimiter, a quote or a line break is quoted, its quotes doubled.
/// </summary>
/// <remarks>
/// Written by hand rather than with CsvHelper on purpose: the file the import benchmark parses with CsvHelper should
/// not be produced by the same library, or a shared misreading of the format would go unnoticed.
/// </remarks>
public sealed class CsvRowWriter(TextWriter writer, char delimiter, string newLine)
{
    private readonly SearchValues<char> _special = SearchValues.Create([delimiter, '"', '\r', '\n']);

    public char Delimiter => delimiter;

    public void WriteRow(ReadOnlySpan<string> fields)
    {
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0)
            {
                writer.Write(delimiter);
            }

            WriteField(fields[i]);
        }

        writer.Write(newLine);
    }

    private void WriteField(string value)
    {
        var span = value.AsSpan();
        if (!span.ContainsAny(_special))
        {
            writer.Write(span);
            return;
        }

        writer.Write('"');
        int quote;
        while ((quote = span.IndexOf('"')) >= 0)
        {
            writer.Write(span[..(quote + 1)]);
            writer.Write('"');
            span = span[(quote + 1)..];
        }

        writer.Write(span);
        writer.Write('"');
    }
}
