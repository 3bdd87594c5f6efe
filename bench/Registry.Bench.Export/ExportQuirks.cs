using Registry.Bench.Seed;

namespace Registry.Bench.Export;

/// <summary>
/// How real exports deviate from the clean format (issue 9): IINs typed with spaces or dashes, names with typographic
/// apostrophes and dashes, regions spelled as a code or an English, Russian or Kazakh name, court names holding quotes,
/// the delimiter and line breaks. Each method returns its input unchanged most of the time.
/// </summary>
public sealed class ExportQuirks(Random random, char delimiter)
{
    // U+2013 (en dash) between double surnames, with and without spaces; U+2019 and U+02BC where Uzbek and Tajik
    // surnames carry an apostrophe for the hard sign (Маъруфов). Each must normalise to one identity (spec §2).
    private static readonly string[] TypographicSurnames =
    [
        "Петров\u2013Водкин", "Мамин \u2013 Сибиряк", "Ма\u2019руфов", "Ша\u02BCбанов", "Са\u2019дуллаев",
        "Нурмагомедов\u2013Ким", "Д\u2019Арбаев", "Ра\u02BCнова",
    ];

    /// <summary>An IIN as a clerk might type it; only U+0020 spaces and <c>-</c>, which the IIN rule strips.</summary>
    public string Iin(string digits)
    {
        return random.Next(100) switch
        {
            < 6 => $"{digits[..6]} {digits[6..]}",
            < 9 => $"{digits[..4]} {digits[4..8]} {digits[8..]}",
            < 12 => $"{digits[..6]}-{digits[6..]}",
            < 13 => $" {digits} ",
            _ => digits,
        };
    }

    /// <summary>About 3 % of names get a surname with a typographic apostrophe or dash.</summary>
    public string Name(string fullName)
    {
        if (random.Next(100) >= 3)
        {
            return fullName;
        }

        var space = fullName.IndexOf(' ', StringComparison.Ordinal);
        var surname = TypographicSurnames[random.Next(TypographicSurnames.Length)];
        return space < 0 ? surname : surname + fullName[space..];
    }

    /// <summary>The region as a code (40 %) or its Russian (35 %), English (15 %) or Kazakh (10 %) name.</summary>
    public string Region(KzRegion region)
    {
        return random.Next(100) switch
        {
            < 40 => region.Code,
            < 75 => region.NameRu,
            < 90 => region.NameEn,
            _ => region.NameKk,
        };
    }

    /// <summary>About 10 % of court names hold quotes, the file's delimiter, a comma or a line break (LF or CRLF).</summary>
    public string Court(string court, KzRegion region)
    {
        return random.Next(100) switch
        {
            < 3 => $"Специализированный межрайонный суд \"по делам несовершеннолетних\" ({region.NameRu})",
            < 5 => $"{court}{delimiter} судья Ахметова А.К.",
            < 7 => $"Суд \"{region.NameRu}\", зал №{random.Next(1, 12)}",
            < 9 => $"Специализированный административный суд\n({region.NameRu})",
            < 10 => $"Межрайонный суд по уголовным делам\r\n{region.NameKk}{delimiter} \"канцелярия\"",
            _ => court,
        };
    }

    /// <summary>In a quirky file 85 % of rows have DD.MM.YYYY dates and the rest YYYY-MM-DD, mixed as in the sample.</summary>
    public bool IsDotted() => random.Next(100) < 85;
}
