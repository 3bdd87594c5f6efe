namespace Registry.Client.Transparency;

/// <summary>One stored audit row as read from the database or an export, untrusted.</summary>
/// <param name="Sequence">The stored sequence number.</param>
/// <param name="Entry">The stored entry fields.</param>
/// <param name="LeafHash">The stored leaf hash.</param>
public sealed record AuditLogRow(long Sequence, AuditEntryData Entry, byte[] LeafHash);
