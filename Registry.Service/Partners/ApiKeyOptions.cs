using System.ComponentModel.DataAnnotations;

namespace Registry.Service.Partners;

/// <summary>API key verification settings (spec §7; OWASP API2: docs/reliability.md, "Authentication").</summary>
public sealed class ApiKeyOptions
{
    public const string SectionName = "Registry:ApiKeys";

    /// <summary>
    /// How long a verified key is trusted without BCrypt; also the longest a revoked key keeps working on
    /// another replica. Default 5 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The BCrypt work factor of new keys, and of the stand-in hash an unknown key id is verified against (so a wrong secret
    /// costs the same whether or not the id exists); default 11 (≈150 ms here). Verification cost follows each stored hash.
    /// </summary>
    [Range(4, 16)]
    public int BcryptWorkFactor { get; set; } = 11;

    /// <summary>
    /// How many BCrypt verifications of keys this replica has not verified before may run at once; default half the
    /// processors (at least 1). Keys it has verified before have a lane of the same width of their own.
    /// </summary>
    [Range(1, 256)]
    public int MaxConcurrentVerifications { get; set; } = Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>
    /// How many such verifications may wait for a slot; beyond it a call is refused at once with RESOURCE_EXHAUSTED
    /// <c>AUTH_BUSY</c> (retry after 1 s). Default 8.
    /// </summary>
    [Range(0, 10_000)]
    public int VerificationQueueLimit { get; set; } = 8;

    /// <summary>
    /// The failure throttle's bucket per key id: how many unproven attempts (a key whose secret this replica has not seen
    /// verified) one key id may make at once; default 20.
    /// </summary>
    [Range(1, 100_000)]
    public int KeyIdFailureBurst { get; set; } = 20;

    /// <summary>How many attempts a key id's bucket gets back per minute; default 10.</summary>
    [Range(1, 1_000_000)]
    public int KeyIdFailuresPerMinute { get; set; } = 10;

    /// <summary>The failure throttle's bucket per remote peer (an IPv4 address, an IPv6 /64); default 100.</summary>
    [Range(1, 100_000)]
    public int PeerFailureBurst { get; set; } = 100;

    /// <summary>How many attempts a peer's bucket gets back per minute; default 60.</summary>
    [Range(1, 1_000_000)]
    public int PeerFailuresPerMinute { get; set; } = 60;

    /// <summary>
    /// The most key ids, and separately the most peers, the throttle tracks (and the most remembered failed keys); beyond it a
    /// new one is not tracked until an old bucket is full again. Default 10,000.
    /// </summary>
    [Range(100, 1_000_000)]
    public int MaxTrackedFailureSources { get; set; } = 10_000;

    /// <summary>
    /// How often the failed authentications and wrong-role calls of the interval are written to the audit log as one
    /// <c>auth.failures</c> entry (none when there were none); default 1 minute.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan FailureAuditInterval { get; set; } = TimeSpan.FromMinutes(1);
}
