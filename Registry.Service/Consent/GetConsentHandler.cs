using Microsoft.EntityFrameworkCore;
using Registry.Service.Identity;
using Registry.Service.Infrastructure;

namespace Registry.Service.Consent;

/// <summary>Reads a consent of the calling partner. Discloses no subject data, so it is not audited.</summary>
public sealed class GetConsentHandler(RegistryDbContext db)
{
    public async Task<SubjectConsent> HandleAsync(Caller caller, string consentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        RequestValidation.ThrowUnlessIdentifier("consent_id", consentId, ConsentIds.MaxLength);

        var consent = await db.Consents.AsNoTracking().SingleOrDefaultAsync(c => c.Id == consentId, cancellationToken);
        return consent is not null && consent.PartnerId == caller.PartnerId ? consent : throw ConsentErrors.NotFound(consentId);
    }
}
