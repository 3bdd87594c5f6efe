namespace Registry.Client.Transparency;

/// <summary>Options of an <see cref="AuditLogVerifier"/>.</summary>
public sealed class AuditLogVerifierOptions
{
    /// <summary>Gets or sets the first sequence number to verify.</summary>
    /// <value>0 by default. When above 0, either pass <see cref="StartFrontier"/> of that size and rows from this
    /// number, or pass rows from 0: rows before it are then only checked for continuity and their stored hashes feed
    /// the tree without their content being checked.</value>
    public long FromSequence { get; set; }

    /// <summary>Gets or sets the last sequence number to verify (inclusive).</summary>
    /// <value>Null (the default) for the end of the rows; checkpoints beyond the rows are then reported as Missing.</value>
    public long? ToSequence { get; set; }

    /// <summary>Gets or sets the frontier of the tree of size <see cref="FromSequence"/>, built from the stored leaf
    /// hashes before it, so verification can start mid-log in O(log n) memory.</summary>
    /// <value>Null by default. An untrusted frontier is safe: if it is wrong, checkpoint roots will not match.</value>
    public MerkleFrontier? StartFrontier { get; set; }

    /// <summary>Gets or sets the expected checkpoint origin.</summary>
    /// <value>Null by default: every checkpoint must then have the origin of the first one that verifies.</value>
    public string? Origin { get; set; }

    /// <summary>Gets or sets how far (in sequence numbers, each side) a mismatching row is searched for the position
    /// it was signed at, to tell reordering, insertion and deletion from modification.</summary>
    /// <value>1024 by default; costs at most twice this many SHA-256 computations, once.</value>
    public int ReorderSearchWindow { get; set; } = 1024;
}
