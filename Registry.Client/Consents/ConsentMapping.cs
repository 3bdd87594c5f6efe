using Registry.Client.Internal;
using P = Registry.Protos.V1;

namespace Registry.Client.Consents;

/// <summary>Maps consent models to and from the v1 contract.</summary>
internal static class ConsentMapping
{
    public static P.ConsentEvidence ToProto(ConsentEvidence evidence) => new()
    {
        Kind = EvidenceKindWire.ToProto(evidence.Kind),
        Reference = evidence.Reference,
        CapturedAt = ProtoConvert.ToTimestamp(evidence.CapturedAt),
    };

    public static GrantedConsent ToSdk(P.GrantConsentResponse response) => new(
        response.ConsentId,
        ProtoConvert.ToDateTimeOffset(response.ExpiresAt),
        response.MaxUses,
        response.AuditEntryId);

    public static ConsentInfo ToSdk(P.Consent consent) => new(
        consent.ConsentId,
        PurposeWire.ToSdk(consent.Purpose),
        ConsentScopeWire.ToSdk(consent.Scope),
        ProtoConvert.ToDateTimeOffset(consent.GrantedAt),
        ProtoConvert.ToDateTimeOffset(consent.ExpiresAt),
        ProtoConvert.ToNullableDateTimeOffset(consent.RevokedAt),
        consent.MaxUses,
        consent.Uses,
        EvidenceKindWire.ToSdk(consent.EvidenceKind));
}
