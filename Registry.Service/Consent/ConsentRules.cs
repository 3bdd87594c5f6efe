using Registry.Service.Identity;

namespace Registry.Service.Consent;

/// <summary>
/// Whether a consent can answer a check (spec §3), in the one place it is decided: the refusal rules in C#,
/// tested in this order when the check is evaluated, and their SQL form for the part that changes under
/// concurrent checks (revoked, expired, used up), which the consent's use re-checks atomically inside the
/// audit transaction (<see cref="ConsentUseCommand"/>).
/// </summary>
public static class ConsentRules
{
    /// <summary>
    /// The SQL form of "still usable at <c>@now</c>", the last three rules of <see cref="Refusal"/>, as a
    /// condition on the <c>consents</c> row. Keep both forms in step.
    /// </summary>
    public const string UsableSql = "RevokedAt IS NULL AND ExpiresAt > @now AND Uses < MaxUses";

    public static string? Refusal(Caller caller, ConsentState? consent, SubjectKey subject, ConsentPurpose purpose, DateTime now)
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

        return UsableRefusal(consent.RevokedAt, consent.ExpiresAt, consent.Uses, consent.MaxUses, now);
    }

    /// <summary>
    /// Whether <paramref name="refusal"/> is one of the rules of <see cref="UsableSql"/>, decided on what a consent's later
    /// state changes (revoked, used up) or on the time (expired), rather than on what it was given with.
    /// </summary>
    public static bool IsStateRefusal(string? refusal) =>
        refusal is ConsentRefusals.Revoked or ConsentRefusals.Expired or ConsentRefusals.UsedUp;

    /// <summary>The C# form of <see cref="UsableSql"/>: null when usable, otherwise why not.</summary>
    public static string? UsableRefusal(DateTime? revokedAt, DateTime expiresAt, int uses, int maxUses, DateTime now) =>
        revokedAt is not null ? ConsentRefusals.Revoked
        : expiresAt <= now ? ConsentRefusals.Expired
        : uses >= maxUses ? ConsentRefusals.UsedUp
        : null;
}
