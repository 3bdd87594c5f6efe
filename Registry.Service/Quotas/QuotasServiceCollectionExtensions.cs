using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Registry.Service.Quotas;

public static class QuotasServiceCollectionExtensions
{
    public static IServiceCollection AddRegistryQuotas(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<QuotaOptions>().BindConfiguration(QuotaOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddMetrics();
        services.TryAddSingleton<QuotaMetrics>();
        services.TryAddSingleton<PartnerQuotas>();
        return services;
    }
}
