namespace Registry.Bench.Seed;

/// <summary>
/// A region of Kazakhstan (ISO 3166-2:KZ, as in <c>shared/data/kz-regions.csv</c>) with the weight of its share of
/// protective orders and the prefix of its agencies' source ids.
/// </summary>
public sealed record KzRegion(string Code, string NameRu, string SourcePrefix, int Weight)
{
    /// <summary>
    /// The 17 regions and 3 cities. The first eight weights are the protective orders of spec.md's context (7 months of
    /// 2021); the spec gives no count for the others, so they are estimates below Aktobe's, roughly by population. Abai,
    /// Jetisu and Ulytau were split off East Kazakhstan, Almaty region and Karaganda in 2022.
    /// </summary>
    public static IReadOnlyList<KzRegion> All { get; } =
    [
        new("KZ-63", "Восточно-Казахстанская область", "VKO", 6442),
        new("KZ-35", "Карагандинская область", "KRG", 5248),
        new("KZ-39", "Костанайская область", "KST", 4890),
        new("KZ-71", "Астана", "AST", 4740),
        new("KZ-55", "Павлодарская область", "PVL", 4088),
        new("KZ-75", "Алматы", "ALM", 3460),
        new("KZ-19", "Алматинская область", "ALO", 3103),
        new("KZ-15", "Актюбинская область", "AKT", 2904),
        new("KZ-79", "Шымкент", "SHM", 2300),
        new("KZ-61", "Туркестанская область", "TRK", 2200),
        new("KZ-31", "Жамбылская область", "ZHM", 2000),
        new("KZ-11", "Акмолинская область", "AKM", 1900),
        new("KZ-59", "Северо-Казахстанская область", "SKO", 1800),
        new("KZ-27", "Западно-Казахстанская область", "ZKO", 1700),
        new("KZ-10", "Абайская область", "ABY", 1600),
        new("KZ-33", "Жетысуская область", "ZHT", 1500),
        new("KZ-23", "Атырауская область", "ATR", 1400),
        new("KZ-47", "Мангистауская область", "MNG", 1300),
        new("KZ-43", "Кызылординская область", "KZO", 1200),
        new("KZ-62", "Улытауская область", "ULT", 500),
    ];
}
