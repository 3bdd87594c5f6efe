namespace Registry.Cli.Commands.Audit;

/// <summary>The <c>--json</c> document of <c>registry audit prove</c>; hashes in lowercase hex.</summary>
/// <param name="Ok">Whether the proof verified on this machine.</param>
/// <param name="SignatureChecked">Whether the checkpoint's signature was checked against <c>--public-key</c>.</param>
internal sealed record AuditProveResult(
    bool Ok,
    string EntryId,
    long LeafIndex,
    long TreeSize,
    string LeafHash,
    string RootHash,
    IReadOnlyList<string> Proof,
    bool SignatureChecked,
    string Message);
