using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Registry.Service.Audit;

namespace Registry.Service.Infrastructure;

public static class HealthServiceCollectionExtensions
{
    /// <summary>The path of the HTTP health endpoint (<see cref="MapRegistryHealth"/>).</summary>
    public const string HealthPath = "/healthz";

    /// <summary>
    /// The gRPC health service and <see cref="HealthPath"/>, answering from a readiness state refreshed in the
    /// background: the checks (the database can be reached; the audit log can be written, see
    /// <see cref="AuditLogHealthCheck"/>) run every <see cref="HealthOptions.RefreshPeriod"/> (and once at start-up),
    /// never per call. gRPC answers for the overall name "" and for each registry service; any other name is NOT_FOUND.
    /// </summary>
    /// <remarks>Call after <c>AddRegistryDatabase</c> and <c>AddRegistryAudit</c>, so that the first report sees the migrated database.</remarks>
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
            .AddDbContextCheck<RegistryDbContext>("database")
            .AddCheck<AuditLogHealthCheck>("audit");
        services.TryAddSingleton<PublishedHealth>();
        services.AddSingleton<IHealthCheckPublisher>(sp => sp.GetRequiredService<PublishedHealth>());
        services.AddOptions<HealthCheckPublisherOptions>().Configure<IOptions<HealthOptions>>((o, health) =>
        {
            // The first background run comes one period after start: InitialHealthReport covers the start.
            o.Delay = health.Value.RefreshPeriod;
            o.Period = health.Value.RefreshPeriod;
        });
        services.AddHostedService<InitialHealthReport>();
        return services;
    }

    /// <summary>
    /// Maps grpc.health.v1.Health and <see cref="HealthPath"/> (no key needed): 200 "Healthy", or 503 "Unhealthy" while
    /// the database cannot be reached or the audit log cannot be written.
    /// </summary>
    public static WebApplication MapRegistryHealth(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGrpcHealthChecksService().AllowAnonymous();
        app.MapGet(HealthPath, (PublishedHealth health) => health.Status == HealthStatus.Healthy
                ? Results.Text("Healthy")
                : Results.Text("Unhealthy", statusCode: StatusCodes.Status503ServiceUnavailable))
            .AllowAnonymous();
        return app;
    }
}
