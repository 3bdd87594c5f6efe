using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Registry.Service.Infrastructure;

public static class HealthServiceCollectionExtensions
{
    /// <summary>
    /// The gRPC health service, answering from a readiness state refreshed in the background: the database check
    /// runs every <see cref="HealthOptions.RefreshPeriod"/> (and once at start-up), never per call. It answers for
    /// the overall name "" and for each registry service; any other name is NOT_FOUND.
    /// </summary>
    /// <remarks>Call after <c>AddRegistryDatabase</c>, so that the first report sees the migrated database.</remarks>
    public static IServiceCollection AddRegistryHealth(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<HealthOptions>()
            .BindConfiguration(HealthOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddGrpcHealthChecks(o =>
            {
                // Off by default in Grpc.AspNetCore.HealthChecks: without it every Check runs every health check.
                o.UseHealthChecksCache = true;
                foreach (var name in GrpcHostingExtensions.ServiceNames)
                {
                    o.Services.Map(name, _ => true);
                }
            })
            .AddDbContextCheck<RegistryDbContext>("database");
        services.AddOptions<HealthCheckPublisherOptions>().Configure<IOptions<HealthOptions>>((o, health) =>
        {
            // The first background run comes one period after start: InitialHealthReport covers the start.
            o.Delay = health.Value.RefreshPeriod;
            o.Period = health.Value.RefreshPeriod;
        });
        services.AddHostedService<InitialHealthReport>();
        return services;
    }
}
