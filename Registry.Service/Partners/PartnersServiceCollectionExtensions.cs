using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Registry.Service.Infrastructure;

namespace Registry.Service.Partners;

public static class PartnersServiceCollectionExtensions
{
    /// <summary>
    /// Registers API key authentication (with its failure throttle, bounded verification lanes, metrics and the
    /// <c>auth.failures</c> audit summary), one authorization policy per role, partner administration and the bootstrap.
    /// </summary>
    public static IServiceCollection AddRegistryPartners(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<ApiKeyOptions>().BindConfiguration(ApiKeyOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<BootstrapOptions>().BindConfiguration(BootstrapOptions.SectionName)
            .PostConfigure<IHostEnvironment>((o, environment) => o.AdminKeyFile = ContentRoot.Resolve(o.AdminKeyFile, environment))
            .ValidateOnStart();
        services.AddMetrics();
        services.TryAddSingleton<IApiKeySecretHasher, BcryptSecretHasher>();
        services.TryAddSingleton<ApiKeyFailureThrottle>();
        services.TryAddSingleton<ApiKeyVerificationGate>();
        services.TryAddSingleton<ApiKeyFailureCache>();
        services.TryAddSingleton<AuthenticationMetrics>();
        services.TryAddSingleton<AuthenticationFailures>();
        services.TryAddSingleton<AuthenticationFailureAuditor>();
        services.TryAddSingleton<ApiKeyVerifier>();
        services.TryAddSingleton<ApiKeyIssuer>();
        services.TryAddScoped<PartnerAdministration>();

        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(RegistryPolicies.Partner, p => p.RequireClaim(ApiKeyAuthenticationHandler.RoleClaim, nameof(PartnerRole.Partner)))
            .AddPolicy(RegistryPolicies.Auditor, p => p.RequireClaim(ApiKeyAuthenticationHandler.RoleClaim, nameof(PartnerRole.Auditor)))
            .AddPolicy(RegistryPolicies.Admin, p => p.RequireClaim(ApiKeyAuthenticationHandler.RoleClaim, nameof(PartnerRole.Admin)));
        services.AddHostedService<AdminBootstrapper>();
        services.AddHostedService(sp => sp.GetRequiredService<AuthenticationFailureAuditor>());
        return services;
    }
}
