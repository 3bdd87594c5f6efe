using Microsoft.EntityFrameworkCore;
using Registry.Service.Audit;
using Registry.Service.Identity;
using Registry.Service.Infrastructure;

namespace Registry.Service.Consent;

/// <summary>Revokes a consent. The revocation is a database write, so it holds on every replica at once.</summary>
public sealed class RevokeConsentHandler(RegistryDbContext db, IAuditLog auditLog, ConsentCache cache, TimeProvider timeProvider)
{
    public async Task<(DateTime RevokedAt, string AuditEntryId)> HandleAsync(
        Caller caller, string consentId, string? requestId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var violations = new List<FieldViolation>();
        RequestValidation.Identifier(violations, "consent_id", consentId, ConsentIds.MaxLength);

        RequestValidation.RequestId(violations, "request_id", requestId);
        RequestValidation.ThrowIfAny(violations);

        var consent = await db.Consents.AsNoTracking()
            .Where(c => c.Id == consentId)
            .Select(c => new { c.PartnerId, c.RevokedAt, c.SubjectKey, c.SubjectKeyId, c.Purpose })
            .SingleOrDefaultAsync(cancellationToken);
        if (consent is null || consent.PartnerId != caller.PartnerId)
        {
            throw ConsentErrors.NotFound(consentId);
        }

        if (consent.RevokedAt is not null)
        {
            throw ConsentErrors.AlreadyRevoked(consentId);
        }

        var now = timeProvider.GetUtcNow().UtcDateTime;
        var record = new AuditRecord
        {
            Action = AuditActions.ConsentRevoke,
            Actor = caller,
            Outcome = AuditOutcomes.Ok,
            Subject = new SubjectKey(consent.SubjectKey, consent.SubjectKeyId),
            ConsentId = consentId,
            Purpose = consent.Purpose,
            RequestId = requestId,
        };
        var receipt = await auditLog.AppendAsync(record, async (tx, ct) =>
        {
            var changed = await tx.Consents
                .Where(c => c.Id == consentId && c.RevokedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.RevokedAt, now), ct);
            return changed == 1 ? null : ConsentErrors.AlreadyRevokedReason;
        }, cancellationToken);
        // This replica's checks stop at once; another replica's stop at their use's UPDATE, which sees the revocation.
        cache.Evict(consentId);
        if (receipt.IsRefused)
        {
            throw ConsentErrors.AlreadyRevoked(consentId);
        }

        return (now, receipt.EntryId);
    }
}
