using Microsoft.Extensions.DependencyInjection.Extensions;
using Registry.Service.Infrastructure;

namespace Registry.Service.Checks;

public static class ChecksServiceCollectionExtensions
{
    public static IServiceCollection AddRegistryChecks(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddMetrics();
        services.TryAddSingleton<RegistryActivitySource>();
        services.TryAddSingleton<CheckMetrics>();
        services.TryAddSingleton<DisclosurePolicy>();
        services.TryAddSingleton<CheckHandler>();
        services.TryAddSingleton<CheckGrpcService>();
        return services;
    }
}
