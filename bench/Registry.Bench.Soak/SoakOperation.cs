namespace Registry.Bench.Soak;

/// <summary>What one paced call does. Most are checks of seeded consents; the rest change consents while they are checked.</summary>
public enum SoakOperation
{
    /// <summary>A check under a seeded consent (raw gRPC), expected to answer the manifest's outcome.</summary>
    CheckSeeded,

    /// <summary>A grant of a new consent for a new subject (SDK).</summary>
    Grant,

    /// <summary>A check under a consent granted during the soak (SDK): any answer is right, a refusal is an error.</summary>
    CheckGranted,

    /// <summary>A revocation of a consent granted during the soak (SDK).</summary>
    Revoke,

    /// <summary>A check under a revoked consent (SDK): PERMISSION_DENIED <c>CONSENT_REVOKED</c> is right, an answer is an error.</summary>
    CheckRevoked,

    /// <summary>One batch of the background import (SDK ImportRecordsAsync): every row must be applied.</summary>
    ImportBatch,

    /// <summary>A check of the maximum-rate probe (raw gRPC, 64 in flight, before the soak).</summary>
    ProbeCheck,
}
