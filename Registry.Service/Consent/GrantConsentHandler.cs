using Microsoft.Extensions.Options;
using Registry.Service.Audit;
using Registry.Service.Identity;
using Registry.Service.Infrastructure;
using V1 = Registry.Protos.V1;

namespace Registry.Service.Consent;

/// <summary>Grants a consent (spec §3): validates, derives the subject key, and stores it with its audit entry.</summary>
public sealed class GrantConsentHandler(
    SubjectKeyRing keyRing,
    IAuditLog auditLog,
    TimeProvider timeProvider,
    IOptions<ConsentOptions> options,
    ConsentMetrics metrics)
{
    public const int MaxUsesLimit = 100;
    public const int MaxEvidenceReferenceLength = 200;

    public async Task<GrantedConsent> HandleAsync(Caller caller, GrantConsentCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(command);
        var started = metrics.Start();
        try
        {
            var granted = await GrantAsync(caller, command, cancellationToken);
            metrics.Grant(started);
            return granted;
        }
        catch (Exception ex)
        {
            metrics.Failed(started, ex);
            throw;
        }
    }

    private async Task<GrantedConsent> GrantAsync(Caller caller, GrantConsentCommand command, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var rules = options.Value;
        var (purpose, scope, validFor, maxUses) = Validate(command, now, rules);

        var subject = keyRing.Derive(command.H1);
        var record = new AuditRecord
        {
            Action = AuditActions.ConsentGrant,
            Actor = caller,
            Outcome = AuditOutcomes.Ok,
            Subject = subject,
            Purpose = purpose,
            RequestId = command.RequestId,
        };
        if (!caller.AllowedPurposes.Contains(purpose))
        {
            var refused = await auditLog.AppendAsync(record with { Outcome = AuditOutcomes.Refused, Reason = ConsentRefusals.PurposeNotAllowed }, null, cancellationToken);
            throw ConsentErrors.PurposeNotAllowed(purpose, refused.EntryId);
        }

        var consent = new SubjectConsent
        {
            Id = ConsentIds.New(),
            PartnerId = caller.PartnerId,
            SubjectKey = subject.Value,
            SubjectKeyId = subject.KeyId,
            Purpose = purpose,
            Scope = scope,
            GrantedAt = now.UtcDateTime,
            ExpiresAt = (now + validFor).UtcDateTime,
            MaxUses = maxUses,
            EvidenceKind = command.EvidenceKind!.Value,
            EvidenceReference = command.EvidenceReference,
            EvidenceCapturedAt = command.EvidenceCapturedAt!.Value.UtcDateTime,
        };
        var receipt = await auditLog.AppendAsync(record with { ConsentId = consent.Id }, (db, _) =>
        {
            db.Consents.Add(consent);
            return Task.FromResult<string?>(null);
        }, cancellationToken);
        return new GrantedConsent(consent.Id, consent.ExpiresAt, consent.MaxUses, receipt.EntryId)
        {
            Subject = subject,
            GrantedAt = now,
            EvidenceCapturedAt = command.EvidenceCapturedAt!.Value,
        };
    }

    private static (ConsentPurpose Purpose, ConsentScope Scope, TimeSpan ValidFor, int MaxUses) Validate(
        GrantConsentCommand command, DateTimeOffset now, ConsentOptions rules)
    {
        var violations = new List<FieldViolation>();
        RequestValidation.H1(violations, "h1", command.H1);
        RequestValidation.RequestId(violations, "request_id", command.RequestId);
        if (command.Purpose is null)
        {
            violations.Add(new FieldViolation("purpose", "is required"));
        }

        if (command.Scope is null)
        {
            violations.Add(new FieldViolation("scope", "is required: " + ContractNames.Choices<V1.ConsentScope>()));
        }

        var validFor = command.ValidFor ?? rules.MaxValidFor;
        if (validFor < TimeSpan.FromMinutes(1) || validFor > rules.MaxValidFor)
        {
            violations.Add(new FieldViolation("valid_for", $"must be between 1 minute and {rules.MaxValidFor.TotalDays:0.##} days"));
        }

        var maxUses = command.MaxUses == 0 ? 1 : command.MaxUses;
        if (maxUses is < 1 or > MaxUsesLimit)
        {
            violations.Add(new FieldViolation("max_uses", $"must be between 1 and {MaxUsesLimit}"));
        }

        ValidateEvidence(violations, command, now, rules);
        RequestValidation.ThrowIfAny(violations);
        return (command.Purpose!.Value, command.Scope!.Value, validFor, maxUses);
    }

    private static void ValidateEvidence(List<FieldViolation> violations, GrantConsentCommand command, DateTimeOffset now, ConsentOptions rules)
    {
        if (command.EvidenceKind is null)
        {
            violations.Add(new FieldViolation("evidence.kind", "is required: " + ContractNames.Choices<V1.EvidenceKind>()));
        }

        if (string.IsNullOrWhiteSpace(command.EvidenceReference) || command.EvidenceReference.Length > MaxEvidenceReferenceLength)
        {
            violations.Add(new FieldViolation("evidence.reference", $"is required, 1..{MaxEvidenceReferenceLength} characters"));
        }

        if (command.EvidenceCapturedAt is not { } capturedAt)
        {
            violations.Add(new FieldViolation("evidence.captured_at", "is required"));
        }
        else if (capturedAt > now + rules.AllowedClockSkew)
        {
            violations.Add(new FieldViolation("evidence.captured_at", "must not be in the future"));
        }
        else if (capturedAt < now - rules.EvidenceMaxAge)
        {
            violations.Add(new FieldViolation("evidence.captured_at", $"must not be older than {rules.EvidenceMaxAge.TotalHours:0.##} hours"));
        }
    }
}
