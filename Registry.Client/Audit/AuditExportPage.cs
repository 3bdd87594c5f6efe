namespace Registry.Client.Audit;

/// <summary>One page of an audit log export, for offline verification.</summary>
/// <remarks>Built by the client from the service's answers; tests build it with <see cref="RegistryModelFactory"/>.</remarks>
public sealed class AuditExportPage
{
    internal AuditExportPage(IReadOnlyList<AuditEntryInfo> entries, IReadOnlyList<ReadOnlyMemory<byte>> canonicalEntries, IReadOnlyList<AuditCheckpoint> checkpoints)
    {
        Entries = entries;
        CanonicalEntries = canonicalEntries;
        Checkpoints = checkpoints;
    }

    /// <summary>Gets the sequenced entries of the page, in sequence order.</summary>
    public IReadOnlyList<AuditEntryInfo> Entries { get; }

    /// <summary>Gets the canonical bytes of each entry, in the same order.</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> CanonicalEntries { get; }

    /// <summary>Gets the checkpoints whose tree size falls in this page's range.</summary>
    public IReadOnlyList<AuditCheckpoint> Checkpoints { get; }
}
