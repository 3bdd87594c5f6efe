namespace Registry.Service.Tests.Security;

/// <summary>Who may call an RPC: nobody needs a key (health), or exactly one role (roles are disjoint, spec §1).</summary>
public enum Access
{
    Anonymous,
    Partner,
    Auditor,
    Admin,
}

/// <summary>
/// The access-control matrix's rows: every RPC the service serves and who may call it. The test enumerates the RPCs from the
/// generated descriptors, so a new RPC fails it until it gets a row here.
/// </summary>
public static class AccessMatrixRows
{
    public static readonly IReadOnlyDictionary<string, Access> Rows = new Dictionary<string, Access>(StringComparer.Ordinal)
    {
        ["registry.v1.CheckService/Check"] = Access.Partner,
        ["registry.v1.CheckService/CheckBatch"] = Access.Partner,
        ["registry.v1.ConsentService/GrantConsent"] = Access.Partner,
        ["registry.v1.ConsentService/RevokeConsent"] = Access.Partner,
        ["registry.v1.ConsentService/GetConsent"] = Access.Partner,
        ["registry.v1.AdminService/ImportRecords"] = Access.Admin,
        ["registry.v1.AdminService/ListImportJobs"] = Access.Admin,
        ["registry.v1.AdminService/CorrectRecord"] = Access.Admin,
        ["registry.v1.AdminService/ExpungeRecord"] = Access.Admin,
        ["registry.v1.AdminService/CreatePartner"] = Access.Admin,
        ["registry.v1.AdminService/ListPartners"] = Access.Admin,
        ["registry.v1.AdminService/SetPartnerSuspended"] = Access.Admin,
        ["registry.v1.AdminService/SetPartnerQuota"] = Access.Admin,
        ["registry.v1.AdminService/IssueApiKey"] = Access.Admin,
        ["registry.v1.AdminService/RevokeApiKey"] = Access.Admin,
        ["registry.v1.AuditService/QueryAuditLog"] = Access.Auditor,
        ["registry.v1.AuditService/VerifyAuditLog"] = Access.Auditor,
        ["registry.v1.AuditService/ListCheckpoints"] = Access.Auditor,
        ["registry.v1.AuditService/GetInclusionProof"] = Access.Auditor,
        ["registry.v1.AuditService/GetConsistencyProof"] = Access.Auditor,
        ["registry.v1.AuditService/GetPublicKey"] = Access.Auditor,
        ["registry.v1.AuditService/ExportAuditLog"] = Access.Auditor,
        ["grpc.health.v1.Health/Check"] = Access.Anonymous,
        ["grpc.health.v1.Health/Watch"] = Access.Anonymous,
    };
}
