using Registry.Client.Transparency;

namespace Registry.Client.Audit;

/// <summary>The service's own verification of a range of the audit log, with the receipt of the request. Verify offline as well (<see cref="Transparency.AuditLogVerifier"/>): this result trusts the service.</summary>
/// <remarks>Built by the client from the service's answers; tests build it with <see cref="RegistryModelFactory"/>.</remarks>
public sealed class ServerAuditVerification
{
    internal ServerAuditVerification(AuditVerificationResult result, string auditEntryId)
    {
        Result = result;
        AuditEntryId = auditEntryId;
    }

    /// <summary>Gets the verification result, in the same shape the offline verifier returns.</summary>
    public AuditVerificationResult Result { get; }

    /// <summary>Gets the id of the audit entry that records the verification.</summary>
    public string AuditEntryId { get; }
}
