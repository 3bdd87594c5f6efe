using System.Collections.Frozen;
using System.Text;

namespace Registry.Client.Admin;

/// <summary>
/// The regions a record may name (spec §6): the 17 regions and 3 cities of republican significance, by ISO 3166-2:KZ code
/// or by English, Russian or Kazakh name. The one list both the import CLI and the service check against.
/// </summary>
public static class KzRegions
{
    /// <summary>Every region and city, in code order.</summary>
    public static IReadOnlyList<KzRegion> All { get; } =
    [
        new("KZ-10", "Abai Region", "Абайская область", "Абай облысы", false),
        new("KZ-11", "Akmola Region", "Акмолинская область", "Ақмола облысы", false),
        new("KZ-15", "Aktobe Region", "Актюбинская область", "Ақтөбе облысы", false),
        new("KZ-19", "Almaty Region", "Алматинская область", "Алматы облысы", false),
        new("KZ-23", "Atyrau Region", "Атырауская область", "Атырау облысы", false),
        new("KZ-27", "West Kazakhstan Region", "Западно-Казахстанская область", "Батыс Қазақстан облысы", false),
        new("KZ-31", "Jambyl Region", "Жамбылская область", "Жамбыл облысы", false),
        new("KZ-33", "Jetisu Region", "Жетысуская область", "Жетісу облысы", false),
        new("KZ-35", "Karaganda Region", "Карагандинская область", "Қарағанды облысы", false),
        new("KZ-39", "Kostanay Region", "Костанайская область", "Қостанай облысы", false),
        new("KZ-43", "Kyzylorda Region", "Кызылординская область", "Қызылорда облысы", false),
        new("KZ-47", "Mangystau Region", "Мангистауская область", "Маңғыстау облысы", false),
        new("KZ-55", "Pavlodar Region", "Павлодарская область", "Павлодар облысы", false),
        new("KZ-59", "North Kazakhstan Region", "Северо-Казахстанская область", "Солтүстік Қазақстан облысы", false),
        new("KZ-61", "Turkistan Region", "Туркестанская область", "Түркістан облысы", false),
        new("KZ-62", "Ulytau Region", "Улытауская область", "Ұлытау облысы", false),
        new("KZ-63", "East Kazakhstan Region", "Восточно-Казахстанская область", "Шығыс Қазақстан облысы", false),
        new("KZ-71", "Astana", "Астана", "Астана", true),
        new("KZ-75", "Almaty", "Алматы", "Алматы", true),
        new("KZ-79", "Shymkent", "Шымкент", "Шымкент", true),
    ];

    private static readonly FrozenDictionary<string, KzRegion> ByCode =
        All.ToFrozenDictionary(r => r.Code, StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, KzRegion> ByKey = All
        .SelectMany(r => new[] { r.Code, r.EnglishName, r.RussianName, r.KazakhName }.Select(name => (Key: Fold(name), Region: r)))
        .DistinctBy(p => p.Key)
        .ToFrozenDictionary(p => p.Key, p => p.Region, StringComparer.Ordinal);

    /// <summary>Whether <paramref name="code"/> is exactly one of the ISO 3166-2:KZ codes of <see cref="All"/>.</summary>
    /// <param name="code">A code such as <c>KZ-63</c>; compared exactly (upper case, ASCII hyphen).</param>
    /// <returns>True when it is a known code.</returns>
    public static bool IsCode(string? code) => code is not null && ByCode.ContainsKey(code);

    /// <summary>
    /// Finds a region by code or by its English, Russian or Kazakh name, ignoring case, surrounding and repeated white space,
    /// typographic dashes and <c>Ё</c>/<c>Е</c>.
    /// </summary>
    /// <param name="text">The region as written in an export, e.g. <c>kz-63</c>, <c>Astana</c> or <c>Павлодар облысы</c>.</param>
    /// <param name="region">The region found; null when none matches.</param>
    /// <returns>True when a region matches.</returns>
    public static bool TryResolve(string? text, out KzRegion? region)
    {
        region = null;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 100)
        {
            return false;
        }

        return ByKey.TryGetValue(Fold(text), out region);
    }

    private static string Fold(string text)
    {
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text.Trim().ToUpperInvariant())
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = true;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c switch
            {
                'Ё' => 'Е',
                >= '\u2010' and <= '\u2015' or '\u2212' => '-',
                _ => c,
            });
        }

        return builder.ToString();
    }
}
