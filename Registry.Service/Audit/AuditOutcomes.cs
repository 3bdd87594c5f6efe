namespace Registry.Service.Audit;

/// <summary>The outcomes an audit entry records.</summary>
public static class AuditOutcomes
{
    public const string Ok = "ok";
    public const string RecordFound = "record_found";
    public const string NoRecord = "no_record";
    public const string Refused = "refused";
    public const string Failed = "failed";
}
