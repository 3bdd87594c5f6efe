using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Registry.Service.Records;

public static class RecordsServiceCollectionExtensions
{
    public static IServiceCollection AddRegistryRecords(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<RecordsOptions>().BindConfiguration(RecordsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<RecordFactsCache>();
        services.TryAddSingleton<RecordChangeWatch>();
        services.AddHostedService(sp => sp.GetRequiredService<RecordChangeWatch>());
        services.TryAddScoped<RecordCorrection>();
        return services;
    }
}
