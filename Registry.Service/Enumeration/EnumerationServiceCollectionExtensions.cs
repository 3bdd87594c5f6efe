using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Registry.Service.Enumeration;

public static class EnumerationServiceCollectionExtensions
{
    public static IServiceCollection AddRegistryEnumerationWatch(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<EnumerationOptions>().BindConfiguration(EnumerationOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddMetrics();
        services.TryAddSingleton<EnumerationMetrics>();
        services.TryAddSingleton<EnumerationWatch>();
        services.AddHostedService<EnumerationResponder>();
        return services;
    }
}
