using System.Globalization;
using System.Text;

namespace Registry.Client.Tests.Identity;

/// <summary>One row of the test-vector table in docs/identity.md.</summary>
internal sealed record IdentityVector(string Kind, string Input, DateOnly? BirthDate, string? NormalizedValue, string? H1Hex, string? Rule)
{
    private const string Absent = "—";

    public bool IsValid => Rule is null;

    /// <summary>Parses a table row: | `kind` | `"input"` | birth date | `"value"` or — | `h1` or — | `RULE` or empty | case |.</summary>
    public static IdentityVector Parse(string line)
    {
        var cells = line.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray();
        if (cells.Length != 7)
        {
            throw new FormatException($"A vector row needs 7 cells, this one has {cells.Length}: {line}");
        }

        return new IdentityVector(
            Code(cells[0]),
            Unescape(Code(cells[1])),
            cells[2].Length == 0 ? null : DateOnly.ParseExact(cells[2], "yyyy-MM-dd", CultureInfo.InvariantCulture),
            cells[3] == Absent ? null : Unescape(Code(cells[3])),
            cells[4] == Absent ? null : Code(cells[4]),
            cells[5].Length == 0 ? null : Code(cells[5]));
    }

    private static string Code(string cell) =>
        cell.Length >= 2 && cell[0] == '`' && cell[^1] == '`' ? cell[1..^1] : throw new FormatException($"Not a code span: {cell}");

    /// <summary>Decodes a JSON string literal, allowing unpaired surrogates (System.Text.Json rejects them).</summary>
    internal static string Unescape(string literal)
    {
        if (literal.Length < 2 || literal[0] != '"' || literal[^1] != '"')
        {
            throw new FormatException($"Not a string literal: {literal}");
        }

        var builder = new StringBuilder();
        for (var i = 1; i < literal.Length - 1; i++)
        {
            if (literal[i] != '\\')
            {
                builder.Append(literal[i]);
                continue;
            }

            var escape = literal[++i];
            if (escape == 'u')
            {
                builder.Append((char)int.Parse(literal.AsSpan(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                i += 4;
                continue;
            }

            builder.Append(escape switch
            {
                '"' or '\\' or '/' => escape,
                't' => '\t',
                'n' => '\n',
                'r' => '\r',
                _ => throw new FormatException($"Unknown escape \\{escape} in {literal}"),
            });
        }

        return builder.ToString();
    }
}
