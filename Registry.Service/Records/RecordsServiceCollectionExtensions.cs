using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Registry.Service.Records;

public static class RecordsServiceCollectionExtensions
{
    public static IServiceCollection AddRegistryRecords(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddScoped<RecordCorrection>();
        return services;
    }
}
