using Registry.Service.Consent;
using Registry.Service.Identity;

namespace Registry.Service.Checks;

/// <summary>The refusal rules of spec §3, in the order they are tested.</summary>
public static class ConsentRules
{
    public static string? Refusal(Caller caller, SubjectConsent? consent, SubjectKey subject, ConsentPurpose purpose, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(subject);
        if (!caller.AllowedPurposes.Contains(purpose))
        {
            return ConsentRefusals.PurposeNotAllowed;
        }

        if (consent is null)
        {
            return ConsentRefusals.NotFound;
        }

        if (consent.PartnerId != caller.PartnerId)
        {
            return ConsentRefusals.OtherPartner;
        }

        if (consent.SubjectKeyId != subject.KeyId || !subject.Matches(consent.SubjectKey))
        {
            return ConsentRefusals.SubjectMismatch;
        }

        if (consent.Purpose != purpose)
        {
            return ConsentRefusals.PurposeMismatch;
        }

        if (consent.RevokedAt is not null)
        {
            return ConsentRefusals.Revoked;
        }

        if (consent.ExpiresAt <= now)
        {
            return ConsentRefusals.Expired;
        }

        return consent.Uses >= consent.MaxUses ? ConsentRefusals.UsedUp : null;
    }
}
