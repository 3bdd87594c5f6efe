namespace Registry.Client.Audit;

/// <summary>What is wrong at the first bad position of the audit log.</summary>
public enum AuditVerificationProblem
{
    /// <summary>Nothing: the log verified.</summary>
    None = 0,

    /// <summary>An entry's content no longer matches its leaf hash.</summary>
    Modified = 1,

    /// <summary>A sequence number is missing.</summary>
    Missing = 2,

    /// <summary>An entry was inserted that no checkpoint covers consistently.</summary>
    Inserted = 3,

    /// <summary>Entries are out of order.</summary>
    Reordered = 4,

    /// <summary>The recomputed root does not match a signed checkpoint.</summary>
    RootMismatch = 5,

    /// <summary>A checkpoint's signature does not verify.</summary>
    BadSignature = 6,
}
