namespace Registry.Bench.Seed;

/// <summary>
/// A region of Kazakhstan by ISO 3166-2:KZ code, with the weight of its share of protective orders and the prefix of its
/// agencies' source ids; its names come from the one region list, <see cref="Registry.Client.Admin.KzRegions"/>. The
/// seeder and the export generator (<c>Registry.Bench.Export</c>) share this table.
/// </summary>
public sealed record KzRegion(string Code, string SourcePrefix, int Weight)
{
    private Registry.Client.Admin.KzRegion Names { get; } = Registry.Client.Admin.KzRegions.All.Single(r => r.Code == Code);

    /// <summary>The English name.</summary>
    public string NameEn => Names.EnglishName;

    /// <summary>The Russian name.</summary>
    public string NameRu => Names.RussianName;

    /// <summary>The Kazakh name.</summary>
    public string NameKk => Names.KazakhName;

    /// <summary>
    /// The 17 regions and 3 cities. The first eight weights are the protective orders of spec.md's context (7 months of
    /// 2021); the spec gives no count for the others, so they are estimates below Aktobe's, roughly by population. Abai,
    /// Jetisu and Ulytau were split off East Kazakhstan, Almaty region and Karaganda in 2022.
    /// </summary>
    public static IReadOnlyList<KzRegion> All { get; } =
    [
        new("KZ-63", "VKO", 6442),
        new("KZ-35", "KRG", 5248),
        new("KZ-39", "KST", 4890),
        new("KZ-71", "AST", 4740),
        new("KZ-55", "PVL", 4088),
        new("KZ-75", "ALM", 3460),
        new("KZ-19", "ALO", 3103),
        new("KZ-15", "AKT", 2904),
        new("KZ-79", "SHM", 2300),
        new("KZ-61", "TRK", 2200),
        new("KZ-31", "ZHM", 2000),
        new("KZ-11", "AKM", 1900),
        new("KZ-59", "SKO", 1800),
        new("KZ-27", "ZKO", 1700),
        new("KZ-10", "ABY", 1600),
        new("KZ-33", "ZHT", 1500),
        new("KZ-23", "ATR", 1400),
        new("KZ-47", "MNG", 1300),
        new("KZ-43", "KZO", 1200),
        new("KZ-62", "ULT", 500),
    ];
}
