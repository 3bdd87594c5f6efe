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
    /// Appends an entry and applies its prepared change in the same transaction (a check's consent use). When the
    /// change is refused there (e.g. a concurrent check used the consent up, or it was revoked or expired
    /// meanwhile), nothing is changed, the entry is recorded as refused, and the receipt carries the reason.
    /// </summary>
    Task<AuditReceipt> AppendPreparedAsync(AuditRecord record, IPreparedChange change, CancellationToken cancellationToken);
}
