using Registry.Service.Infrastructure;

namespace Registry.Service.Consent;

/// <summary>The consent failures, with their stable reasons.</summary>
public static class ConsentErrors
{
    public const string AlreadyRevokedReason = "CONSENT_ALREADY_REVOKED";

    public static RegistryException PurposeNotAllowed(ConsentPurpose purpose, string auditEntryId) =>
        WithEntry(RegistryErrors.PermissionDenied(ConsentRefusals.PurposeNotAllowed, $"This partner is not allowed the purpose {ContractNames.Of(purpose)}."), auditEntryId);

    public static RegistryException NotFound(string consentId) =>
        RegistryErrors.NotFound(ConsentRefusals.NotFound, $"No consent {consentId} exists for this partner.");

    public static RegistryException AlreadyRevoked(string consentId) =>
        RegistryErrors.FailedPrecondition(AlreadyRevokedReason, $"Consent {consentId} is already revoked.");

    /// <summary>A refused check, with the receipt of the audit entry that records the refusal.</summary>
    public static RegistryException Refused(string reason, string auditEntryId) =>
        WithEntry(RegistryErrors.PermissionDenied(reason, RefusalMessage(reason)), auditEntryId);

    public static string RefusalMessage(string reason) => reason switch
    {
        ConsentRefusals.NotFound => "The consent does not exist.",
        ConsentRefusals.OtherPartner => "The consent was given to another partner.",
        ConsentRefusals.SubjectMismatch => "The consent was given by another subject.",
        ConsentRefusals.PurposeMismatch => "The consent was given for another purpose.",
        ConsentRefusals.Expired => "The consent has expired; ask the subject for a new one.",
        ConsentRefusals.Revoked => "The consent was revoked.",
        ConsentRefusals.UsedUp => "The consent has no uses left; ask the subject for a new one.",
        ConsentRefusals.PurposeNotAllowed => "This partner is not allowed this purpose.",
        _ => "The check was refused.",
    };

    private static RegistryException WithEntry(RegistryException exception, string auditEntryId) =>
        new(exception.Code, exception.Reason, exception.Message)
        {
            Metadata = new Dictionary<string, string> { ["audit_entry_id"] = auditEntryId },
        };
}
