using Microsoft.Extensions.DependencyInjection;
using Registry.Protos.V1;
using Registry.Service.Identity;
using Registry.Service.Partners;
using Registry.Service.Tests.Infrastructure;

namespace Registry.Service.Tests.Audit;

/// <summary>Callers of a test host and what their audit rows must say about them.</summary>
public sealed class AuditActors(RegistryAppFactory factory)
{
    private readonly RegistryScenario _scenario = new(factory);

    public static string KeyIdOf(string apiKey) =>
        ApiKeyFormat.TryParse(apiKey, out var keyId, out _) ? keyId : throw new ArgumentException("not an API key", nameof(apiKey));

    public static string SecretOf(string apiKey) =>
        ApiKeyFormat.TryParse(apiKey, out _, out var secret) ? secret : throw new ArgumentException("not an API key", nameof(apiKey));

    /// <summary>The subject key the service stores for <paramref name="h1"/>, computed with its own key ring.</summary>
    public SubjectKey SubjectKeyOf(byte[] h1) => factory.Services.GetRequiredService<SubjectKeyRing>().Derive(h1);

    public async Task<string> AdminPartnerIdAsync()
    {
        var partners = await _scenario.Admin.ListPartnersAsync(new ListPartnersRequest(), cancellationToken: TestContext.Current.CancellationToken);
        return partners.Partners.Single(p => p.Role == Role.Admin).PartnerId;
    }
}
