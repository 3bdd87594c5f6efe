using Registry.Client.Identity;
using Registry.Service.Consent;
using Registry.Service.Identity;

namespace Registry.Bench.Seed;

/// <summary>A consent before its partner exists: DATING_SAFETY, SUMMARY, max_uses 100, valid 30 days from its grant.</summary>
public sealed record ConsentDraft(string Id, SubjectKey Key, SubjectIdentity Subject, string Expected, DateTime GrantedAt, int Reference)
{
    public SubjectConsent ForPartner(string partnerId) => new()
    {
        Id = Id,
        PartnerId = partnerId,
        SubjectKey = Key.Value,
        SubjectKeyId = Key.KeyId,
        Purpose = ConsentPurpose.DatingSafety,
        Scope = ConsentScope.Summary,
        GrantedAt = GrantedAt,
        ExpiresAt = GrantedAt.AddDays(30),
        MaxUses = 100,
        EvidenceKind = EvidenceKind.SmsOtp,
        EvidenceReference = $"sms-otp:{Reference:x8}",
        EvidenceCapturedAt = GrantedAt.AddMinutes(-2),
    };
}
