using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Registry.Service.Consent;

public static class ConsentServiceCollectionExtensions
{
    public static IServiceCollection AddRegistryConsent(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<ConsentOptions>().BindConfiguration(ConsentOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddMetrics();
        services.TryAddSingleton<ConsentMetrics>();
        services.TryAddSingleton<ConsentCache>();
        services.TryAddScoped<GrantConsentHandler>();
        services.TryAddScoped<RevokeConsentHandler>();
        services.TryAddScoped<GetConsentHandler>();
        return services;
    }
}
