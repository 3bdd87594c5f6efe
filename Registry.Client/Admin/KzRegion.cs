namespace Registry.Client.Admin;

/// <summary>One of Kazakhstan's 17 regions or 3 cities of republican significance, as court exports name it.</summary>
/// <param name="Code">The ISO 3166-2:KZ code, e.g. <c>KZ-63</c>; the form the service stores.</param>
/// <param name="EnglishName">The English name, e.g. <c>East Kazakhstan Region</c>.</param>
/// <param name="RussianName">The Russian name, e.g. <c>Восточно-Казахстанская область</c>.</param>
/// <param name="KazakhName">The Kazakh name, e.g. <c>Шығыс Қазақстан облысы</c>.</param>
/// <param name="IsCity">True for the three cities of republican significance (Astana, Almaty, Shymkent).</param>
public sealed record KzRegion(string Code, string EnglishName, string RussianName, string KazakhName, bool IsCity);
