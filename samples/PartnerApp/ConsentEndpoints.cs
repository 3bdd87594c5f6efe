using Registry.Client;
using Registry.Client.Consents;
using Registry.Client.Identity;

namespace PartnerApp;

public static class ConsentEndpoints
{
    /// <summary>
    /// <c>POST /consents</c>: records with the registry that this user agreed to be checked for dating safety, with the
    /// reference of the evidence this app holds (here the id of the SMS code the user confirmed).
    /// </summary>
    public static IEndpointRouteBuilder MapConsentEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/consents", async (ConsentRequest request, RegistryClient registry, TimeProvider clock, CancellationToken ct) =>
        {
            if (!SubjectIdentity.TryFromIin(request.Iin ?? string.Empty, out var subject, out var error))
            {
                return RegistryProblems.InvalidIin(error!);
            }

            try
            {
                var consent = await registry.GrantConsentAsync(subject!, Purpose.DatingSafety, ConsentScope.Summary,
                    new ConsentEvidence(EvidenceKind.SmsOtp, request.EvidenceReference, clock.GetUtcNow()), cancellationToken: ct);
                return Results.Ok(new ConsentResponse(consent.ConsentId, consent.ExpiresAt, consent.MaxUses));
            }
            catch (RegistryRequestException ex)
            {
                return RegistryProblems.From(ex);
            }
        });
        return app;
    }
}
