using Microsoft.Extensions.DependencyInjection.Extensions;
using Registry.Service.Infrastructure;

namespace Registry.Service.Import;

public static class ImportServiceCollectionExtensions
{
    public static IServiceCollection AddRegistryImport(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddMetrics();
        services.TryAddSingleton<RegistryActivitySource>();
        services.TryAddSingleton<ImportMetrics>();
        services.TryAddSingleton<RecordImportHandler>();
        return services;
    }
}
