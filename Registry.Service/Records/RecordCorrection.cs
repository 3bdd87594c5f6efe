using Microsoft.EntityFrameworkCore;
using Registry.Client.Admin;
using Registry.Service.Audit;
using Registry.Service.Identity;
using Registry.Service.Infrastructure;

namespace Registry.Service.Records;

/// <summary>Corrects or expunges a record by its key (source id, case number); audited with the change.</summary>
public sealed class RecordCorrection(RegistryDbContext db, IAuditLog auditLog, TimeProvider timeProvider, RecordFactsCache facts)
{
    public async Task<string> CorrectAsync(
        Caller caller, string sourceId, string caseNumber, RecordStatus? status, DateOnly? expiresAt, string reason,
        CancellationToken cancellationToken)
    {
        Validate(sourceId, caseNumber, reason);
        if (status is null && expiresAt is null)
        {
            throw RegistryErrors.Validation(new FieldViolation("status", "give a new status or a new expires_at"));
        }

        return await ApplyAsync(caller, AuditActions.RecordCorrect, sourceId, caseNumber, reason, status, expiresAt, cancellationToken);
    }

    public async Task<string> ExpungeAsync(Caller caller, string sourceId, string caseNumber, string reason, CancellationToken cancellationToken)
    {
        Validate(sourceId, caseNumber, reason);
        return await ApplyAsync(caller, AuditActions.RecordExpunge, sourceId, caseNumber, reason, RecordStatus.Expunged, null, cancellationToken);
    }

    private async Task<string> ApplyAsync(
        Caller caller, string action, string sourceId, string caseNumber, string reason, RecordStatus? status, DateOnly? expiresAt,
        CancellationToken cancellationToken)
    {
        var id = await db.Records.AsNoTracking().Where(r => r.SourceId == sourceId && r.CaseNumber == caseNumber)
            .Select(r => (long?)r.Id).SingleOrDefaultAsync(cancellationToken)
            ?? throw RegistryErrors.NotFound("RECORD_NOT_FOUND", $"No record {sourceId}/{caseNumber} exists.");
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var record = new AuditRecord
        {
            Action = action,
            Actor = caller,
            Outcome = AuditOutcomes.Ok,
            // Wire names, as the contract spells them (EXPUNGED), never the .NET enum's.
            Detail = $"record={sourceId}/{caseNumber};status={(status is { } s ? ContractNames.Of(s.ToProto()) : null)};expires_at={expiresAt:yyyy-MM-dd};reason={reason}",
        };

        async Task<string?> ChangeAsync(RegistryDbContext tx, CancellationToken ct)
        {
            var entity = await tx.Records.SingleAsync(r => r.Id == id, ct);
            if (entity.CorrectedFrom is null)
            {
                // The record as the court sent it, before the first correction: while its export is still that, an
                // import leaves this correction alone (Import/ImportBatchChange).
                var keys = await tx.RecordSubjects.Where(s => s.RecordId == id).Select(s => s.SubjectKey).ToListAsync(ct);
                keys.Sort(static (a, b) => a.AsSpan().SequenceCompareTo(b));
                entity.CorrectedFrom = RecordDigest.Of(entity.Category, entity.Article, entity.Region, entity.Court, entity.DecisionDate,
                    entity.EffectiveFrom, entity.ExpiresAt, entity.Status, keys);
            }

            entity.Status = status ?? entity.Status;
            entity.ExpiresAt = expiresAt ?? entity.ExpiresAt;
            entity.UpdatedAt = now;
            entity.Version = Guid.NewGuid();
            await tx.Database.ExecuteSqlRawAsync(RecordsVersionCommand.BumpSql, ct);
            return null;
        }

        AuditReceipt receipt;
        try
        {
            receipt = await auditLog.AppendAsync(record, ChangeAsync, cancellationToken);
        }
        finally
        {
            // Committed, or perhaps committed: this replica's checks read the records again before this call returns.
            facts.Invalidate();
        }

        return receipt.EntryId;
    }

    private static void Validate(string sourceId, string caseNumber, string reason)
    {
        var violations = new List<FieldViolation>();
        RequestValidation.Identifier(violations, "source_id", sourceId, RecordRowRules.SourceIdMaxLength);
        RequestValidation.Identifier(violations, "case_number", caseNumber, RecordRowRules.CaseNumberMaxLength);

        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 500)
        {
            violations.Add(new FieldViolation("reason", "is required, at most 500 characters (no personal data)"));
        }

        RequestValidation.ThrowIfAny(violations);
    }
}
