namespace Registry.Service.Consent;

/// <summary>The machine-readable reasons a check is refused (spec §3), sent as <c>ErrorInfo.reason</c>.</summary>
public static class ConsentRefusals
{
    public const string NotFound = "CONSENT_NOT_FOUND";
    public const string OtherPartner = "CONSENT_OTHER_PARTNER";
    public const string SubjectMismatch = "CONSENT_SUBJECT_MISMATCH";
    public const string PurposeMismatch = "CONSENT_PURPOSE_MISMATCH";
    public const string Expired = "CONSENT_EXPIRED";
    public const string Revoked = "CONSENT_REVOKED";
    public const string UsedUp = "CONSENT_USED_UP";
    public const string PurposeNotAllowed = "PURPOSE_NOT_ALLOWED";
}
