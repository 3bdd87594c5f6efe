using Registry.Protos.V1;
using Registry.Service.Infrastructure;

namespace Registry.Service.Consent;

/// <summary>Proto ↔ domain mapping of the consent RPCs.</summary>
public static class ConsentMapping
{
    public static GrantConsentCommand ToCommand(GrantConsentRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new GrantConsentCommand(
            request.H1.ToByteArray(),
            request.Purpose.ToDomain(),
            request.Scope.ToDomain(),
            request.ValidFor.ToTimeSpan("valid_for"),
            request.MaxUses,
            request.Evidence?.Kind.ToDomain(),
            request.Evidence?.Reference ?? string.Empty,
            request.Evidence?.CapturedAt.ToInstant("evidence.captured_at"),
            request.RequestId.NullIfEmpty());
    }

    public static GrantConsentResponse ToResponse(GrantedConsent granted)
    {
        ArgumentNullException.ThrowIfNull(granted);
        return new GrantConsentResponse
        {
            ConsentId = granted.ConsentId,
            ExpiresAt = granted.ExpiresAt.ToTimestamp(),
            MaxUses = granted.MaxUses,
            AuditEntryId = granted.AuditEntryId,
        };
    }

    public static Protos.V1.Consent ToProto(SubjectConsent consent)
    {
        ArgumentNullException.ThrowIfNull(consent);
        var proto = new Protos.V1.Consent
        {
            ConsentId = consent.Id,
            Purpose = consent.Purpose.ToProto(),
            Scope = consent.Scope.ToProto(),
            GrantedAt = consent.GrantedAt.ToTimestamp(),
            ExpiresAt = consent.ExpiresAt.ToTimestamp(),
            MaxUses = consent.MaxUses,
            Uses = consent.Uses,
            EvidenceKind = consent.EvidenceKind.ToProto(),
        };
        if (consent.RevokedAt is { } revokedAt)
        {
            proto.RevokedAt = revokedAt.ToTimestamp();
        }

        return proto;
    }
}
