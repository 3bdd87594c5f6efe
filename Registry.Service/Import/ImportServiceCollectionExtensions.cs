using Microsoft.Extensions.DependencyInjection.Extensions;
using Registry.Service.Infrastructure;

namespace Registry.Service.Import;

public static class ImportServiceCollectionExtensions
{
    public static IServiceCollection AddRegistryImport(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<ImportOptions>().BindConfiguration(ImportOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddMetrics();
        services.TryAddSingleton<RegistryActivitySource>();
        services.TryAddSingleton<ImportMetrics>();
        services.TryAddSingleton<RecordImportHandler>();
        services.TryAddSingleton<ImportJobQuery>();
        return services;
    }
}
