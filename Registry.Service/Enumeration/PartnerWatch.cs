namespace Registry.Service.Enumeration;

/// <summary>Where a partner stands with the enumeration watch.</summary>
public enum WatchLevel
{
    Watching,
    Throttled,
    Suspended,
}

/// <summary>
/// One partner's last hour, in minute buckets, as one replica saw it: new subjects, checks answered, checks that found
/// a record, scripted checks. Not thread-safe: <see cref="EnumerationWatch"/> locks it. Its memory is bounded: 60 buckets,
/// the subjects of the last two hours (at most <see cref="MaxTrackedSubjects"/>, after which every subject counts as new,
/// which only makes the watch stricter) and the consents granted within seconds of their evidence that are not yet
/// checked (at most <see cref="MaxQuickGrants"/>).
/// </summary>
internal sealed class PartnerWatch
{
    public const int MaxTrackedSubjects = 1_000_000;
    public const int MaxQuickGrants = 10_000;
    private const int Minutes = 60;

    private readonly long[] _minuteOf = new long[Minutes];
    private readonly int[] _newSubjects = new int[Minutes];
    private readonly int[] _checks = new int[Minutes];
    private readonly int[] _found = new int[Minutes];
    private readonly int[] _scripted = new int[Minutes];
    private readonly Dictionary<string, DateTimeOffset> _quickGrants = new(StringComparer.Ordinal);
    private HashSet<UInt128> _subjects = [];
    private HashSet<UInt128> _subjectsBefore = [];
    private long _subjectsHour = long.MinValue;

    public WatchLevel Level { get; set; } = WatchLevel.Watching;

    public DateTimeOffset LevelSince { get; set; }

    /// <summary>Whether the suspension that <see cref="Level"/> holds has been stored (audited) by the responder.</summary>
    public bool SuspensionStored { get; set; }

    /// <summary>Calls refused during the current throttle.</summary>
    public int Refusals { get; set; }

    /// <summary>The partner's average new subjects per hour over the last seven days, from its stored grants; null until read.</summary>
    public double? HistoryPerHour { get; set; }

    public DateTimeOffset HistoryReadAt { get; set; } = DateTimeOffset.MinValue;

    public bool HistoryReading { get; set; }

    /// <summary>This partner's answered checks and found records since the process started (kept out of the base rate).</summary>
    public long LifetimeChecks { get; private set; }

    public long LifetimeFound { get; private set; }

    /// <summary>Counts a grant; true when its subject is new to this partner in the last two hours.</summary>
    public bool RecordGrant(ReadOnlySpan<byte> subjectKey, string consentId, DateTimeOffset evidenceCapturedAt, DateTimeOffset grantedAt, TimeSpan quick)
    {
        var slot = Slot(grantedAt);
        RotateSubjects(grantedAt);
        var key = Fingerprint(subjectKey);
        var isNew = !_subjects.Contains(key) && !_subjectsBefore.Contains(key);
        if (isNew)
        {
            _newSubjects[slot]++;
            if (_subjects.Count < MaxTrackedSubjects)
            {
                _subjects.Add(key);
            }
        }

        if (grantedAt - evidenceCapturedAt <= quick)
        {
            if (_quickGrants.Count >= MaxQuickGrants)
            {
                PruneQuickGrants(grantedAt - quick);
            }

            if (_quickGrants.Count < MaxQuickGrants)
            {
                _quickGrants[consentId] = grantedAt;
            }
        }

        return isNew;
    }

    /// <summary>Counts an answered check.</summary>
    public void RecordCheck(string consentId, bool recordFound, DateTimeOffset now, TimeSpan quick)
    {
        var slot = Slot(now);
        _checks[slot]++;
        LifetimeChecks++;
        if (recordFound)
        {
            _found[slot]++;
            LifetimeFound++;
        }

        if (_quickGrants.Remove(consentId, out var grantedAt) && now - grantedAt <= quick)
        {
            _scripted[slot]++;
        }
    }

    /// <summary>New subjects in the last 60 seconds (this minute plus the elapsed share of the one before), and in the last hour.</summary>
    public (int LastMinute, int LastHour, int Checks, int Found, int Scripted) Totals(DateTimeOffset now)
    {
        var minute = MinuteOf(now);
        int hour = 0, checks = 0, found = 0, scripted = 0, current = 0, previous = 0;
        for (var i = 0; i < Minutes; i++)
        {
            var age = minute - _minuteOf[i];
            if (age is < 0 or >= Minutes)
            {
                continue;
            }

            hour += _newSubjects[i];
            checks += _checks[i];
            found += _found[i];
            scripted += _scripted[i];
            if (age == 0)
            {
                current = _newSubjects[i];
            }
            else if (age == 1)
            {
                previous = _newSubjects[i];
            }
        }

        var intoMinute = (now.ToUnixTimeMilliseconds() % 60_000) / 60_000.0;
        return (current + (int)Math.Round(previous * (1 - intoMinute)), hour, checks, found, scripted);
    }

    /// <summary>Forgets the partner's recent pattern (after an administrator reinstated it); the history is kept.</summary>
    public void Reset(DateTimeOffset now)
    {
        Array.Clear(_minuteOf);
        Array.Clear(_newSubjects);
        Array.Clear(_checks);
        Array.Clear(_found);
        Array.Clear(_scripted);
        _quickGrants.Clear();
        Level = WatchLevel.Watching;
        LevelSince = now;
        Refusals = 0;
        SuspensionStored = false;
    }

    private static long MinuteOf(DateTimeOffset time) => time.ToUnixTimeSeconds() / 60;

    private static UInt128 Fingerprint(ReadOnlySpan<byte> subjectKey) =>
        subjectKey.Length >= 16
            ? new UInt128(BitConverter.ToUInt64(subjectKey[..8]), BitConverter.ToUInt64(subjectKey[8..16]))
            : throw new ArgumentException("A subject key has 32 bytes.", nameof(subjectKey));

    private int Slot(DateTimeOffset now)
    {
        var minute = MinuteOf(now);
        var slot = (int)(((minute % Minutes) + Minutes) % Minutes);
        if (_minuteOf[slot] != minute)
        {
            _minuteOf[slot] = minute;
            _newSubjects[slot] = 0;
            _checks[slot] = 0;
            _found[slot] = 0;
            _scripted[slot] = 0;
        }

        return slot;
    }

    private void RotateSubjects(DateTimeOffset now)
    {
        var hour = now.ToUnixTimeSeconds() / 3600;
        if (hour == _subjectsHour)
        {
            return;
        }

        if (hour == _subjectsHour + 1)
        {
            (_subjectsBefore, _subjects) = (_subjects, _subjectsBefore);
            _subjects.Clear();
        }
        else
        {
            _subjects.Clear();
            _subjectsBefore.Clear();
        }

        _subjectsHour = hour;
    }

    private void PruneQuickGrants(DateTimeOffset olderThan)
    {
        foreach (var (consentId, grantedAt) in _quickGrants)
        {
            if (grantedAt < olderThan)
            {
                _quickGrants.Remove(consentId);
            }
        }
    }
}
