using Grpc.HealthCheck;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Registry.Service.Audit;
using Registry.Service.Checks;
using Registry.Service.Consent;
using Registry.Service.Partners;

namespace Registry.Service.Infrastructure;

public static class GrpcHostingExtensions
{
    /// <summary>gRPC with the error-mapping interceptor, health checks, reflection, and the clock.</summary>
    public static IServiceCollection AddRegistryGrpc(this IServiceCollection services, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(environment);
        services.TryAddSingleton(TimeProvider.System);
        services.AddGrpc(o =>
        {
            o.Interceptors.Add<ErrorMappingInterceptor>();
            // Stack traces and SQL never reach partners outside Development.
            o.EnableDetailedErrors = environment.IsDevelopment();
            o.MaxReceiveMessageSize = 16 * 1024 * 1024;
        });
        services.AddGrpcHealthChecks().AddDbContextCheck<RegistryDbContext>("database");
        services.AddGrpcReflection();
        return services;
    }

    /// <summary>Maps every gRPC service, the health service and, in Development, reflection.</summary>
    public static WebApplication MapRegistryGrpc(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGrpcService<CheckGrpcService>();
        app.MapGrpcService<ConsentGrpcService>();
        app.MapGrpcService<AdminGrpcService>();
        app.MapGrpcService<AuditGrpcService>();
        app.MapGrpcHealthChecksService().AllowAnonymous();
        if (app.Environment.IsDevelopment())
        {
            app.MapGrpcReflectionService().AllowAnonymous();
        }

        app.MapGet("/", () => "Registry gRPC service. Use a gRPC client (see README.md); health: grpc.health.v1.Health/Check.");
        return app;
    }
}
