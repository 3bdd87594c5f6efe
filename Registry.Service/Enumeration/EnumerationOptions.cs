using System.ComponentModel.DataAnnotations;


namespace Registry.Service.Enumeration;

/// <summary>
/// The enumeration watch's thresholds (spec §7, OWASP API6; docs/enumeration.md explains each signal). A partner whose
/// pattern scores <see cref="ThrottleScore"/> is throttled; one that scores <see cref="SuspendScore"/>, or keeps calling
/// while throttled (<see cref="SuspendAfterRefusals"/>), is suspended until an administrator reinstates it.
/// </summary>
public sealed class EnumerationOptions : IValidatableObject
{
    public const string SectionName = "Registry:Enumeration";

    /// <summary>Off only for benchmarks that drive one synthetic partner at full speed.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>New subjects (first grant for a subject key in the last two hours) a partner may bring in one minute without history.</summary>
    [Range(10, 1_000_000)]
    public int NewSubjectsPerMinute { get; set; } = 120;

    /// <summary>New subjects a partner may bring in one hour without history.</summary>
    [Range(10, 10_000_000)]
    public int NewSubjectsPerHour { get; set; } = 2_000;

    /// <summary>
    /// A partner with history may bring this many times its average hour of the last seven days (read from its grants),
    /// and a minute's burst scales with it.
    /// </summary>
    [Range(1.0, 100.0)]
    public double HistoryFactor { get; set; } = 4.0;

    /// <summary>A minute may hold this many times an average minute of the hourly allowance.</summary>
    [Range(1.0, 60.0)]
    public double BurstFactor { get; set; } = 3.0;

    /// <summary>The share of checks that find a record before the registry has seen enough checks to know its own.</summary>
    [Range(0.0001, 0.5)]
    public double BaseHitRate { get; set; } = 0.05;

    /// <summary>A partner's hit rate over the last hour counts only after this many checks.</summary>
    [Range(10, 100_000)]
    public int MinChecksForHitRate { get; set; } = 100;

    /// <summary>A partner is flagged when its hit rate is at least this many times the base rate (and 4 standard errors above it).</summary>
    [Range(1.5, 100.0)]
    public double HitRateFactor { get; set; } = 3.0;

    /// <summary>A check is "scripted" when its consent's evidence was captured, and the consent granted and checked, within this many seconds.</summary>
    [Range(1, 3600)]
    public int ScriptedSeconds { get; set; } = 10;

    /// <summary>The share of scripted checks (over at least <see cref="MinChecksForHitRate"/> in the hour) that is a signal.</summary>
    [Range(0.1, 1.0)]
    public double ScriptedShare { get; set; } = 0.9;

    [Range(1, 100)]
    public int ThrottleScore { get; set; } = 2;

    [Range(1, 100)]
    public int SuspendScore { get; set; } = 4;

    /// <summary>Calls refused while throttled, in one throttle, after which the partner is suspended.</summary>
    [Range(1, 1_000_000)]
    public int SuspendAfterRefusals { get; set; } = 20;

    /// <summary>The retry delay a throttled partner is given.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ThrottleRetry { get; set; } = TimeSpan.FromMinutes(1);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (SuspendScore <= ThrottleScore)
        {
            yield return new ValidationResult("SuspendScore must be above ThrottleScore.", [nameof(SuspendScore), nameof(ThrottleScore)]);
        }

        if (NewSubjectsPerMinute > NewSubjectsPerHour)
        {
            yield return new ValidationResult("NewSubjectsPerMinute must not be above NewSubjectsPerHour.", [nameof(NewSubjectsPerMinute)]);
        }
    }
}
