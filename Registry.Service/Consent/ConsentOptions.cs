using System.ComponentModel.DataAnnotations;

namespace Registry.Service.Consent;

/// <summary>Consent rules of spec §3. Bound from <c>Registry:Consent</c>.</summary>
public sealed class ConsentOptions
{
    public const string SectionName = "Registry:Consent";

    /// <summary>The longest (and default) validity of a consent; default 30 days.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan MaxValidFor { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How old evidence may be when the consent is granted; default 24 hours.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan EvidenceMaxAge { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How far in the future evidence may be dated, to absorb clock skew; default 1 minute.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan AllowedClockSkew { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How many consents each replica keeps in memory for its checks (<see cref="ConsentCache"/>); 0 reads every
    /// consent from the database. Default 100,000: about the consents partners keep alive.
    /// </summary>
    [Range(0, 10_000_000)]
    public int CacheSize { get; set; } = 100_000;
}
