using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Registry.Service.Import;

public static class ImportServiceCollectionExtensions
{
    public static IServiceCollection AddRegistryImport(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<RecordImportHandler>();
        return services;
    }
}
