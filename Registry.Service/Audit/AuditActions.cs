namespace Registry.Service.Audit;

/// <summary>The audited actions (docs/audit.md lists them).</summary>
public static class AuditActions
{
    public const string Check = "check";
    public const string ConsentGrant = "consent.grant";
    public const string ConsentRevoke = "consent.revoke";
    public const string PartnerCreate = "partner.create";
    public const string PartnerSuspend = "partner.suspend";
    public const string PartnerReinstate = "partner.reinstate";
    public const string PartnerQuota = "partner.quota";
    public const string PartnerThrottle = "partner.throttle";
    public const string KeyIssue = "key.issue";
    public const string KeyRevoke = "key.revoke";
    public const string RecordImport = "record.import";
    public const string RecordCorrect = "record.correct";
    public const string RecordExpunge = "record.expunge";
    public const string AuditQuery = "audit.query";
    public const string AuditVerify = "audit.verify";
    public const string AuditCheckpoints = "audit.checkpoints";
    public const string AuditProve = "audit.prove";
    public const string AuditExport = "audit.export";
    public const string AuthFailures = "auth.failures";

    /// <summary>The service itself: the first entry written after the audit log could not be written (the health probe).</summary>
    public const string AuditResume = "audit.resume";
}
