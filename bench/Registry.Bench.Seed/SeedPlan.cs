using Registry.Client.Identity;
using Registry.Service.Checks;
using Registry.Service.Identity;
using Registry.Service.Records;

namespace Registry.Bench.Seed;

/// <summary>
/// The generated data, in insert order: records with ascending ids (appends to the rowid table), their subject links
/// per record, and consents sorted by id (appends to the primary-key index). About three records in four belong to
/// a person of their own, the rest to repeat offenders; a share of the records also carries the person's name-dob
/// identity. Half the consents (by default) are for people with records, their expected outcome computed with the
/// service's <see cref="DisclosurePolicy"/>; the rest are for people the registry has never seen.
/// </summary>
public sealed class SeedPlan
{
    private readonly Person[] _people;
    private readonly int[] _owner;
    private readonly bool[] _twoIdentities;
    private readonly SubjectKeyRing _keyRing;
    private readonly byte[]?[] _iinKeys;
    private readonly Dictionary<int, byte[]> _nameDobKeys = [];

    private SeedPlan(Person[] people, CourtRecord[] records, int[] owner, bool[] twoIdentities, SubjectKeyRing keyRing)
    {
        _people = people;
        Records = records;
        _owner = owner;
        _twoIdentities = twoIdentities;
        _keyRing = keyRing;
        _iinKeys = new byte[]?[people.Length];
        TwoIdentityRecords = twoIdentities.LongCount(b => b);
        Links = records.Length + TwoIdentityRecords;
    }

    public CourtRecord[] Records { get; }

    public long Links { get; }

    public long TwoIdentityRecords { get; }

    public int PeopleWithRecords => _people.Length;

    public ConsentDraft[] Consents { get; private set; } = [];

    public IReadOnlyList<SeedConsent> ManifestConsents { get; private set; } = [];

    public static SeedPlan Generate(SeedArguments arguments, SubjectKeyRing keyRing, DisclosurePolicy disclosure, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(keyRing);
        ArgumentNullException.ThrowIfNull(disclosure);
        var random = new Random(arguments.Seed);
        var today = disclosure.Today(now);
        var people = new PersonGenerator(random, today);
        var generator = new RecordGenerator(random, today, now.UtcDateTime);
        var count = arguments.Records;
        var persons = new Person[Math.Max(1, (int)(count * 0.75))];
        for (var i = 0; i < persons.Length; i++)
        {
            persons[i] = people.Next();
        }

        var records = new CourtRecord[count];
        var owner = new int[count];
        var twoIdentities = new bool[count];
        for (var i = 0; i < count; i++)
        {
            records[i] = generator.Next(i + 1);
            owner[i] = i < persons.Length ? i : random.Next(persons.Length);
            twoIdentities[i] = random.NextDouble() < arguments.TwoIdentityFraction;
        }

        var plan = new SeedPlan(persons, records, owner, twoIdentities, keyRing);
        plan.PlanConsents(arguments, people, random, disclosure, today, now.UtcDateTime);
        return plan;
    }

    /// <summary>Each record's links: its owner's IIN identity, and for some also the name-dob identity, in key order.</summary>
    public IEnumerable<RecordSubject> SubjectLinks()
    {
        for (var i = 0; i < Records.Length; i++)
        {
            var id = Records[i].Id;
            var iin = IinKey(_owner[i]);
            if (!_twoIdentities[i])
            {
                yield return Link(id, iin);
                continue;
            }

            var nameDob = NameDobKey(_owner[i]);
            var iinFirst = iin.AsSpan().SequenceCompareTo(nameDob) < 0;
            yield return Link(id, iinFirst ? iin : nameDob);
            yield return Link(id, iinFirst ? nameDob : iin);
        }
    }

    private RecordSubject Link(long recordId, byte[] key) => new() { RecordId = recordId, SubjectKey = key, SubjectKeyId = _keyRing.KeyId };

    private byte[] IinKey(int person) => _iinKeys[person] ??= _keyRing.Derive(_people[person].Iin.H1.Span).Value;

    private byte[] NameDobKey(int person)
    {
        if (!_nameDobKeys.TryGetValue(person, out var key))
        {
            key = _keyRing.Derive(_people[person].NameDob.H1.Span).Value;
            _nameDobKeys[person] = key;
        }

        return key;
    }

    private void PlanConsents(SeedArguments arguments, PersonGenerator people, Random random, DisclosurePolicy disclosure, DateOnly today, DateTime now)
    {
        var found = Records.Length == 0 ? 0 : (int)Math.Round(arguments.Consents * arguments.FoundFraction);
        var subjects = new List<SubjectIdentity>(arguments.Consents);
        var disclosable = new Dictionary<byte[], bool>(ByteArrayComparer.Instance);
        for (var i = 0; i < found; i++)
        {
            var record = random.Next(Records.Length);
            var person = _owner[record];
            var useNameDob = _twoIdentities[record] && random.NextDouble() < 0.5;
            subjects.Add(useNameDob ? _people[person].NameDob : _people[person].Iin);
            disclosable[useNameDob ? NameDobKey(person) : IinKey(person)] = false;
        }

        // Ids are 1..n in array order.
        foreach (var link in SubjectLinks())
        {
            if (disclosable.TryGetValue(link.SubjectKey, out var already) && !already)
            {
                var r = Records[link.RecordId - 1];
                disclosable[link.SubjectKey] = disclosure.IsDisclosable(new RecordFacts(r.Category, r.Status, r.DecisionDate, r.EffectiveFrom, r.ExpiresAt), today);
            }
        }

        while (subjects.Count < arguments.Consents)
        {
            subjects.Add(people.Next().Iin);
        }

        var drafts = subjects.Select(s =>
        {
            var key = _keyRing.Derive(s.H1.Span);
            var expected = disclosable.TryGetValue(key.Value, out var yes) && yes ? SeedManifest.RecordFound : SeedManifest.NoRecord;
            return new ConsentDraft(Service.Consent.ConsentIds.New(), key, s, expected, now.AddMinutes(-random.Next(1, 72 * 60)), random.Next());
        }).ToArray();
        Array.Sort(drafts, (a, b) => string.CompareOrdinal(a.Id, b.Id));
        Consents = drafts;
        ManifestConsents = drafts.Select(d => new SeedConsent(d.Id, Convert.ToBase64String(d.Subject.H1.Span), d.Expected)).ToArray();
    }

    private sealed class ByteArrayComparer : IEqualityComparer<byte[]>
    {
        public static readonly ByteArrayComparer Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj) => BitConverter.ToInt32(obj, 0);
    }
}
