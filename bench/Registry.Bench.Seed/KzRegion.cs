namespace Registry.Bench.Seed;

/// <summary>
/// A region of Kazakhstan (ISO 3166-2:KZ and its English, Russian and Kazakh names, as in <c>shared/data/kz-regions.csv</c>)
/// with the weight of its share of protective orders and the prefix of its agencies' source ids. The seeder and the
/// export generator (<c>Registry.Bench.Export</c>) share this table.
/// </summary>
public sealed record KzRegion(string Code, string NameEn, string NameRu, string NameKk, string SourcePrefix, int Weight)
{
    /// <summary>
    /// The 17 regions and 3 cities. The first eight weights are the protective orders of spec.md's context (7 months of
    /// 2021); the spec gives no count for the others, so they are estimates below Aktobe's, roughly by population. Abai,
    /// Jetisu and Ulytau were split off East Kazakhstan, Almaty region and Karaganda in 2022.
    /// </summary>
    public static IReadOnlyList<KzRegion> All { get; } =
    [
        new("KZ-63", "East Kazakhstan Region", "Восточно-Казахстанская область", "Шығыс Қазақстан облысы", "VKO", 6442),
        new("KZ-35", "Karaganda Region", "Карагандинская область", "Қарағанды облысы", "KRG", 5248),
        new("KZ-39", "Kostanay Region", "Костанайская область", "Қостанай облысы", "KST", 4890),
        new("KZ-71", "Astana", "Астана", "Астана", "AST", 4740),
        new("KZ-55", "Pavlodar Region", "Павлодарская область", "Павлодар облысы", "PVL", 4088),
        new("KZ-75", "Almaty", "Алматы", "Алматы", "ALM", 3460),
        new("KZ-19", "Almaty Region", "Алматинская область", "Алматы облысы", "ALO", 3103),
        new("KZ-15", "Aktobe Region", "Актюбинская область", "Ақтөбе облысы", "AKT", 2904),
        new("KZ-79", "Shymkent", "Шымкент", "Шымкент", "SHM", 2300),
        new("KZ-61", "Turkistan Region", "Туркестанская область", "Түркістан облысы", "TRK", 2200),
        new("KZ-31", "Jambyl Region", "Жамбылская область", "Жамбыл облысы", "ZHM", 2000),
        new("KZ-11", "Akmola Region", "Акмолинская область", "Ақмола облысы", "AKM", 1900),
        new("KZ-59", "North Kazakhstan Region", "Северо-Казахстанская область", "Солтүстік Қазақстан облысы", "SKO", 1800),
        new("KZ-27", "West Kazakhstan Region", "Западно-Казахстанская область", "Батыс Қазақстан облысы", "ZKO", 1700),
        new("KZ-10", "Abai Region", "Абайская область", "Абай облысы", "ABY", 1600),
        new("KZ-33", "Jetisu Region", "Жетысуская область", "Жетісу облысы", "ZHT", 1500),
        new("KZ-23", "Atyrau Region", "Атырауская область", "Атырау облысы", "ATR", 1400),
        new("KZ-47", "Mangystau Region", "Мангистауская область", "Маңғыстау облысы", "MNG", 1300),
        new("KZ-43", "Kyzylorda Region", "Кызылординская область", "Қызылорда облысы", "KZO", 1200),
        new("KZ-62", "Ulytau Region", "Улытауская область", "Ұлытау облысы", "ULT", 500),
    ];
}
