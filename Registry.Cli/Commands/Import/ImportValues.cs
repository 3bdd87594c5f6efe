using System.Globalization;
using Registry.Cli.Parsing;
using Registry.Client.Admin;
using Registry.Client.Checks;

namespace Registry.Cli.Commands.Import;

/// <summary>The value formats of a court export (spec §6): dates and the category and status tokens.</summary>
internal static class ImportValues
{
    /// <summary>The date formats accepted, ISO first: what Excel in a Russian locale writes is the second.</summary>
    public static readonly string[] DateFormats = ["yyyy-MM-dd", "dd.MM.yyyy"];

    public static readonly IReadOnlyList<string> Categories =
        ["PROTECTIVE_ORDER", "RESTRAINING_ORDER", "ADMINISTRATIVE_OFFENSE", "CRIMINAL_CONVICTION"];

    public static readonly IReadOnlyList<string> Statuses = ["ACTIVE", "EXPIRED", "OVERTURNED", "EXPUNGED"];

    /// <summary>Reads a real calendar date written YYYY-MM-DD or DD.MM.YYYY.</summary>
    public static bool TryParseDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>Reads a category token such as <c>protective_order</c>, ignoring case (and accepting <c>-</c> for <c>_</c>).</summary>
    public static bool TryParseCategory(string text, out RecordCategory category)
    {
        category = default;
        return EnumToken.TryCanonical(text, Categories) is { } canonical
            && Enum.TryParse(EnumToken.ToPascal(canonical), out category);
    }

    /// <summary>Reads a status token such as <c>overturned</c>, ignoring case.</summary>
    public static bool TryParseStatus(string text, out RecordStatus status)
    {
        status = default;
        return EnumToken.TryCanonical(text, Statuses) is { } canonical
            && Enum.TryParse(EnumToken.ToPascal(canonical), out status);
    }

    /// <summary>The most characters of a value that a rejection reason repeats.</summary>
    public const int EchoLength = 40;

    /// <summary>
    /// A value as a rejection reason may repeat it: at most <see cref="EchoLength"/> characters, control characters written
    /// as <c>\uXXXX</c>, so that no field of any size or content reaches stderr or the rejects file's reason unbounded.
    /// </summary>
    public static string Echo(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var echo = new System.Text.StringBuilder(Math.Min(text.Length, EchoLength) + 8);
        foreach (var c in text.AsSpan(0, Math.Min(text.Length, EchoLength)))
        {
            if (char.IsControl(c))
            {
                echo.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                echo.Append(c);
            }
        }

        return text.Length > EchoLength ? echo.Append('…').ToString() : echo.ToString();
    }

    /// <summary>The accepted tokens as the format writes them: <c>protective_order, restraining_order, …</c>.</summary>
    public static string Expected(IReadOnlyList<string> canonical) =>
        string.Join(", ", canonical.Select(c => c.ToLowerInvariant()));
}
