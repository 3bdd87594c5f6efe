using System.ComponentModel.DataAnnotations;

namespace Registry.Service.Partners;

/// <summary>API key verification settings (spec §7).</summary>
public sealed class ApiKeyOptions
{
    public const string SectionName = "Registry:ApiKeys";

    /// <summary>
    /// How long a verified key is trusted without BCrypt; also the longest a revoked key keeps working on
    /// another replica. Default 5 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The BCrypt work factor of new keys; default 11 (≈150 ms here). Verification cost follows each stored hash.</summary>
    [Range(4, 16)]
    public int BcryptWorkFactor { get; set; } = 11;
}
