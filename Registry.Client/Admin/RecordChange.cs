namespace Registry.Client.Admin;

/// <summary>The receipt of a record correction or expunge.</summary>
/// <remarks>Built by the client from the service's answers; tests build it with <see cref="RegistryModelFactory"/>.</remarks>
public sealed class RecordChange
{
    internal RecordChange(string auditEntryId)
    {
        AuditEntryId = auditEntryId;
    }

    /// <summary>Gets the id of the audit entry that records the change.</summary>
    public string AuditEntryId { get; }
}
