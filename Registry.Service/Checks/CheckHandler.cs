using Microsoft.EntityFrameworkCore;
using Registry.Service.Audit;
using Registry.Service.Consent;
using Registry.Service.Identity;
using Registry.Service.Infrastructure;

namespace Registry.Service.Checks;

/// <summary>
/// Answers one check under a consent (spec §3, §4). Every outcome, refusals included, is audited before it
/// is returned; the consent's use is counted in the same transaction as the entry, and re-checked there, so
/// concurrent checks on any replica can never use a consent more than <c>max_uses</c> times.
/// </summary>
public sealed class CheckHandler(
    RegistryDbContext db,
    SubjectKeyRing keyRing,
    IAuditLog auditLog,
    TimeProvider timeProvider,
    DisclosurePolicy disclosure)
{
    public const int MaxConsentIdLength = 64;

    public async Task<CheckResult> HandleAsync(Caller caller, CheckCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(command);
        var purpose = Validate(command);
        var subject = keyRing.Derive(command.H1);
        var now = timeProvider.GetUtcNow();
        var record = new AuditRecord
        {
            Action = AuditActions.Check,
            Actor = caller,
            Outcome = AuditOutcomes.Refused,
            Subject = subject,
            ConsentId = command.ConsentId,
            Purpose = purpose,
            RequestId = command.RequestId,
        };

        var consent = await db.Consents.AsNoTracking().SingleOrDefaultAsync(c => c.Id == command.ConsentId, cancellationToken);
        var refusal = ConsentRules.Refusal(caller, consent, subject, purpose, now.UtcDateTime);
        // A retry of a check already answered (lost response) is answered again without a new use, even when that
        // first answer used the last use; any other refusal (revoked, expired, …) still holds.
        var isRepeat = (refusal is null or ConsentRefusals.UsedUp) && CheckRepeats.IsRepeat(consent!, command);
        if (refusal is not null && !isRepeat)
        {
            var refused = await auditLog.AppendAsync(record with { Reason = refusal }, null, cancellationToken);
            throw ConsentErrors.Refused(refusal, refused.EntryId);
        }

        var result = await EvaluateAsync(subject, consent!.Scope, now, cancellationToken);
        var outcome = result.Found ? AuditOutcomes.RecordFound : AuditOutcomes.NoRecord;
        if (isRepeat)
        {
            var repeat = await auditLog.AppendAsync(record with { Outcome = outcome, Reason = CheckRepeats.RepeatedReason }, null, cancellationToken);
            return new CheckResult(result.Found, result.Summary, repeat.EntryId, consent.MaxUses - consent.Uses);
        }

        var receipt = await auditLog.AppendCheckAsync(record with { Outcome = outcome }, new ConsentUse(consent.Id, command.RequestId, now.UtcDateTime), cancellationToken);
        if (receipt.RefusalReason is { } lateRefusal)
        {
            throw ConsentErrors.Refused(lateRefusal, receipt.EntryId);
        }

        return new CheckResult(result.Found, result.Summary, receipt.EntryId, consent.MaxUses - consent.Uses - 1);
    }

    private async Task<(bool Found, CheckSummary? Summary)> EvaluateAsync(
        SubjectKey subject, ConsentScope scope, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var key = subject.Value;
        var facts = await db.Records.AsNoTracking()
            .Where(r => r.Subjects.Any(s => s.SubjectKey == key))
            .Select(r => new RecordFacts(r.Category, r.Status, r.DecisionDate, r.EffectiveFrom, r.ExpiresAt))
            .ToListAsync(cancellationToken);
        var today = disclosure.Today(now);
        var disclosable = facts.Where(f => disclosure.IsDisclosable(f, today)).ToList();
        if (disclosable.Count == 0)
        {
            return (false, null);
        }

        if (scope != ConsentScope.Summary)
        {
            return (true, null);
        }

        var categories = disclosable
            .GroupBy(f => f.Category)
            .OrderBy(g => g.Key)
            .Select(g => new CategorySummary(g.Key, g.Count(), g.Max(f => f.DecisionDate)))
            .ToList();
        return (true, new CheckSummary(categories, disclosable.Any(f => disclosure.IsOrderInForce(f, today))));
    }

    private static ConsentPurpose Validate(CheckCommand command)
    {
        var violations = new List<FieldViolation>();
        if (string.IsNullOrWhiteSpace(command.ConsentId) || command.ConsentId.Length > MaxConsentIdLength)
        {
            violations.Add(new FieldViolation("consent_id", $"is required, at most {MaxConsentIdLength} characters"));
        }

        RequestValidation.H1(violations, "h1", command.H1);
        if (command.Purpose is null)
        {
            violations.Add(new FieldViolation("purpose", "is required"));
        }

        RequestValidation.RequestId(violations, "request_id", command.RequestId);
        RequestValidation.ThrowIfAny(violations);
        return command.Purpose!.Value;
    }
}
