using Microsoft.EntityFrameworkCore;
using Registry.Service.Audit;
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

    /// <summary>
    /// Counts one use of the consent inside the audit transaction, only if it is still usable there; otherwise
    /// says why not (a concurrent check used it up, or it was revoked meanwhile).
    /// </summary>
    public static AuditedChange ConsumeUse(string consentId, string? requestId, DateTime now) => async (db, ct) =>
    {
        // Plain SQL (the same on SQLite and SQL Server): this runs once per check on the audit writer's single
        // thread, where translating an ExecuteUpdate expression tree each time was a measurable share of its CPU.
        var changed = await db.Database.ExecuteSqlInterpolatedAsync(
            $"UPDATE consents SET Uses = Uses + 1, LastRequestId = {requestId} WHERE Id = {consentId} AND RevokedAt IS NULL AND Uses < MaxUses AND ExpiresAt > {now}",
            ct);
        if (changed == 1)
        {
            return null;
        }

        var state = await db.Consents.AsNoTracking().Where(c => c.Id == consentId)
            .Select(c => new { c.RevokedAt, c.ExpiresAt }).SingleAsync(ct);
        return state.RevokedAt is not null ? ConsentRefusals.Revoked
            : state.ExpiresAt <= now ? ConsentRefusals.Expired
            : ConsentRefusals.UsedUp;
    };
}
