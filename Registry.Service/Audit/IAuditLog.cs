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
}
