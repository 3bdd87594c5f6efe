using Registry.Service.Checks;

namespace Registry.Service.Audit;

/// <summary>
/// Appends entries to the access log durably, before the caller's response is sent (spec §5).
/// </summary>
/// <remarks>
/// Fail closed: when the entry cannot be written, <see cref="AppendAsync"/> throws the AUDIT_UNAVAILABLE
/// <c>RegistryException</c> (UNAVAILABLE) and the call must disclose nothing.
/// </remarks>
public interface IAuditLog
{
    Task<AuditReceipt> AppendAsync(AuditRecord record, AuditedChange? change, CancellationToken cancellationToken);

    /// <summary>
    /// Appends a check's entry and counts one use of its consent in the same transaction. When the consent can no
    /// longer be used there (a concurrent check used it up, or it was revoked or expired meanwhile), nothing is
    /// counted, the entry is recorded as refused, and the receipt carries the reason.
    /// </summary>
    Task<AuditReceipt> AppendCheckAsync(AuditRecord record, ConsentUse use, CancellationToken cancellationToken);
}
