using Registry.Service.Records;

namespace Registry.Bench.Seed;

/// <summary>
/// Makes court and police records as the import would store them: the region weighted like spec.md's protective-order
/// counts, the four categories, and decision, effective and expiry dates spread over (and past) each category's
/// retention period, so that some records are no longer disclosable; a few are overturned or expunged.
/// Case numbers count up per agency and year, so (source id, case number) is unique.
/// </summary>
public sealed class RecordGenerator(Random random, DateOnly today, DateTime createdAt)
{
    private static readonly WeightedChoice<KzRegion> Regions = new(KzRegion.All.Select(r => (r, (double)r.Weight)));

    private static readonly WeightedChoice<RecordCategory> Categories = new(
    [
        (RecordCategory.ProtectiveOrder, 0.55),
        (RecordCategory.RestrainingOrder, 0.10),
        (RecordCategory.AdministrativeOffense, 0.25),
        (RecordCategory.CriminalConviction, 0.10),
    ]);

    private static readonly Dictionary<RecordCategory, string[]> Articles = new()
    {
        [RecordCategory.ProtectiveOrder] = ["ст. 54 Закона о профилактике правонарушений"],
        [RecordCategory.RestrainingOrder] = ["ст. 54 КоАП РК", "ст. 54-1 КоАП РК"],
        [RecordCategory.AdministrativeOffense] = ["ст. 73 ч.1 КоАП РК", "ст. 73 ч.2 КоАП РК", "ст. 73-1 КоАП РК", "ст. 461 КоАП РК"],
        [RecordCategory.CriminalConviction] = ["ст. 106 ч.2 УК РК", "ст. 107 УК РК", "ст. 108-1 УК РК", "ст. 109 УК РК", "ст. 120 ч.1 УК РК", "ст. 293 ч.1 УК РК"],
    };

    private readonly Dictionary<(string Source, int Year), int> _caseCounters = [];
    private readonly Dictionary<(string Region, RecordCategory Category), (string Source, string Court)> _agencies = [];

    public CourtRecord Next(long id)
    {
        var region = Regions.Next(random);
        var category = Categories.Next(random);
        var (source, court) = Agency(region, category);
        var (decided, from, until) = Dates(category);
        var status = random.NextDouble() switch
        {
            < 0.02 => RecordStatus.Overturned,
            < 0.03 => RecordStatus.Expunged,
            _ => until is { } end && end < today ? RecordStatus.Expired : RecordStatus.Active,
        };
        var articles = Articles[category];
        return new CourtRecord
        {
            Id = id,
            SourceId = source,
            CaseNumber = CaseNumber(source, category, decided.Year),
            Category = category,
            Article = articles[random.Next(articles.Length)],
            Region = region.Code,
            Court = court,
            DecisionDate = decided,
            EffectiveFrom = from,
            ExpiresAt = until,
            Status = status,
            CreatedAt = createdAt,
            UpdatedAt = createdAt,
            Version = Guid.NewGuid(),
        };
    }

    // Decisions spread over a span longer than the retention period (spec §4: orders 3 years after they end,
    // offenses 5 and convictions 10 years after the decision), so the oldest fall out of disclosure.
    private (DateOnly Decided, DateOnly? From, DateOnly? Until) Dates(RecordCategory category)
    {
        switch (category)
        {
            case RecordCategory.ProtectiveOrder:
            {
                var decided = DaysAgo(5 * 365);
                return (decided, decided, decided.AddDays(30));
            }

            case RecordCategory.RestrainingOrder:
            {
                var decided = DaysAgo(5 * 365);
                var from = decided.AddDays(random.Next(0, 11));
                return (decided, from, from.AddMonths(random.Next(1, 13)));
            }

            case RecordCategory.AdministrativeOffense:
            {
                var decided = DaysAgo(7 * 365);
                return (decided, decided.AddDays(random.Next(0, 11)), null);
            }

            default:
            {
                var decided = DaysAgo(13 * 365);
                return (decided, decided.AddDays(random.Next(10, 31)), null);
            }
        }
    }

    private DateOnly DaysAgo(int maxDays) => today.AddDays(-random.Next(maxDays));

    private (string Source, string Court) Agency(KzRegion region, RecordCategory category)
    {
        if (!_agencies.TryGetValue((region.Code, category), out var agency))
        {
            agency = category switch
            {
                RecordCategory.ProtectiveOrder => ($"{region.SourcePrefix}-POLICE", $"Департамент полиции ({region.NameRu})"),
                RecordCategory.CriminalConviction => ($"{region.SourcePrefix}-CRIM", $"Межрайонный суд по уголовным делам ({region.NameRu})"),
                _ => ($"{region.SourcePrefix}-SAC", $"Специализированный административный суд ({region.NameRu})"),
            };
            _agencies[(region.Code, category)] = agency;
        }

        return agency;
    }

    private string CaseNumber(string source, RecordCategory category, int year)
    {
        var key = (source, year);
        var next = _caseCounters.GetValueOrDefault(key) + 1;
        _caseCounters[key] = next;
        return category switch
        {
            RecordCategory.ProtectiveOrder => $"{year}-{next:D6}",
            RecordCategory.CriminalConviction => $"1-{next}/{year}",
            _ => $"2-{next}/{year}",
        };
    }
}
