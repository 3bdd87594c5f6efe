namespace Registry.Client.Transparency;

/// <summary>What is wrong at the first bad position of the audit log; the values match the proto's
/// <c>VerificationProblem</c>, so a cast converts between them.</summary>
public enum AuditVerificationProblem
{
    /// <summary>Nothing is wrong.</summary>
    None = 0,

    /// <summary>An entry's content no longer matches its leaf hash.</summary>
    Modified = 1,

    /// <summary>A sequence number is missing (deleted rows, or a checkpoint covers rows that are absent).</summary>
    Missing = 2,

    /// <summary>A row was inserted (a duplicated sequence number, or later rows shifted up).</summary>
    Inserted = 3,

    /// <summary>Rows are out of order (swapped or moved).</summary>
    Reordered = 4,

    /// <summary>The root recomputed from the entries does not match a signed checkpoint.</summary>
    RootMismatch = 5,

    /// <summary>A checkpoint's signature does not verify, or it is malformed or of another log.</summary>
    BadSignature = 6,
}
