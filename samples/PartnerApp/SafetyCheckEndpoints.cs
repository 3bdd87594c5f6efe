using Registry.Client;
using Registry.Client.Consents;
using Registry.Client.Identity;

namespace PartnerApp;

public static class SafetyCheckEndpoints
{
    /// <summary>
    /// <c>POST /safety-check</c>: checks the user who gave the consent and answers in words a person can act on
    /// (<see cref="SafetyWording"/>). The IIN is hashed by the SDK on this machine; only the hash leaves it.
    /// </summary>
    public static IEndpointRouteBuilder MapSafetyCheckEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/safety-check", async (SafetyCheckRequest request, RegistryClient registry, SafetyWording wording, CancellationToken ct) =>
        {
            if (!SubjectIdentity.TryFromIin(request.Iin ?? string.Empty, out var subject, out var error))
            {
                return RegistryProblems.InvalidIin(error!);
            }

            try
            {
                var result = await registry.CheckAsync(subject!, request.ConsentId, Purpose.DatingSafety, cancellationToken: ct);
                return Results.Ok(wording.Describe(result));
            }
            catch (RegistryRequestException ex)
            {
                return RegistryProblems.From(ex);
            }
        });
        return app;
    }
}
