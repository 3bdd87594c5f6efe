using Registry.Service.Identity;

namespace Registry.Service.Audit;

/// <summary>Records an auditor's own call (spec §5: auditors are audited too), before any data is returned.</summary>
public sealed class AuditorCalls(IAuditLog auditLog)
{
    public async Task<string> RecordAsync(Caller caller, string action, string detail, CancellationToken cancellationToken, byte[]? subjectKey = null)
    {
        var record = new AuditRecord
        {
            Action = action,
            Actor = caller,
            Outcome = AuditOutcomes.Ok,
            Detail = detail,
            Subject = subjectKey is null ? null : new SubjectKey(subjectKey, "query"),
        };
        var receipt = await auditLog.AppendAsync(record, null, cancellationToken);
        return receipt.EntryId;
    }
}
