using Registry.Bench.Seed;
using Registry.Client.Identity;
using Registry.Service.Records;

namespace Registry.Bench.Export;

/// <summary>
/// Makes good rows: the seeder's records (<see cref="RecordGenerator"/>: regions weighted like the protective-order
/// counts, the four categories, dates over and past the retention periods, statuses, unique case numbers per agency and
/// year) for the seeder's people (<see cref="PersonGenerator"/>, valid IINs checked again with <see cref="KzIin"/>).
/// </summary>
/// <remarks>
/// Identities: about 5 % of rows carry the IIN and the name with the birth date (two identities), 3 % the name and birth
/// date only, the rest the IIN and the name without a birth date, as police exports often do. After the first 4,096 people, one
/// row in five is a repeat offender: a person drawn again from a fixed window of recent people, so memory stays flat.
/// </remarks>
public sealed class ExportRowGenerator
{
    private const int RecentPeople = 4096;

    private static readonly Dictionary<string, KzRegion> RegionsByCode = KzRegion.All.ToDictionary(r => r.Code);

    private readonly Random _random;
    private readonly PersonGenerator _people;
    private readonly RecordGenerator _records;
    private readonly ExportQuirks? _quirks;
    private readonly PersonDraft[] _recent = new PersonDraft[RecentPeople];
    private long _peopleMade;

    public ExportRowGenerator(Random random, DateOnly asOf, ExportQuirks? quirks)
    {
        ArgumentNullException.ThrowIfNull(random);
        _random = random;
        _people = new PersonGenerator(random, asOf, uniqueIins: false);
        _records = new RecordGenerator(random, asOf, default);
        _quirks = quirks;
    }

    public void Next(ExportRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var record = _records.Next(0);
        var region = RegionsByCode[record.Region ?? throw new InvalidOperationException("the record generator gave no region")];
        var person = NextPerson();
        row.IsDotted = _quirks?.IsDotted() ?? false;
        row.PersonIin = person.Iin;
        row.SourceId = record.SourceId;
        row.CaseNumber = record.CaseNumber;
        var identities = _random.Next(100);
        row.Iin = identities < 5 || identities >= 8 ? _quirks?.Iin(person.Iin) ?? person.Iin : "";
        row.FullName = _quirks?.Name(person.FullName) ?? person.FullName;
        row.BirthDate = identities < 8 ? row.FormatDate(person.BirthDate) : "";
        row.Category = CategoryText(record.Category);
        row.Article = record.Article ?? "";
        row.Region = _quirks?.Region(region) ?? region.Code;
        var court = record.Court ?? "";
        row.Court = _quirks?.Court(court, region) ?? court;
        row.Decided = record.DecisionDate;
        row.From = record.EffectiveFrom;
        row.Until = record.ExpiresAt;
        row.DecisionDate = row.FormatDate(record.DecisionDate);
        row.EffectiveFrom = row.FormatDate(record.EffectiveFrom);
        row.ExpiresAt = row.FormatDate(record.ExpiresAt);
        row.Status = StatusText(record.Status);
    }

    public static string StatusText(RecordStatus status) => status switch
    {
        RecordStatus.Active => "active",
        RecordStatus.Expired => "expired",
        RecordStatus.Overturned => "overturned",
        RecordStatus.Expunged => "expunged",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    private static string CategoryText(RecordCategory category) => category switch
    {
        RecordCategory.ProtectiveOrder => "protective_order",
        RecordCategory.RestrainingOrder => "restraining_order",
        RecordCategory.AdministrativeOffense => "administrative_offense",
        RecordCategory.CriminalConviction => "criminal_conviction",
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, null),
    };

    private PersonDraft NextPerson()
    {
        if (_peopleMade >= RecentPeople && _random.Next(5) == 0)
        {
            return _recent[_random.Next(RecentPeople)];
        }

        var person = _people.NextDraft();
        // The generator computes the check digit itself; the SDK's rule must agree, or the file would test nothing.
        if (!KzIin.TryNormalize(person.Iin, out _, out var error))
        {
            throw new InvalidOperationException($"generated an IIN the SDK rejects ({error!.Rule})");
        }

        _recent[_peopleMade++ % RecentPeople] = person;
        return person;
    }
}
