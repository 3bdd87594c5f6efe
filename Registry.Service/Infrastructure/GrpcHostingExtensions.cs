using Grpc.AspNetCore.Server.Model;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Registry.Service.Audit;
using Registry.Service.Checks;
using Registry.Service.Consent;
using Registry.Service.Partners;

namespace Registry.Service.Infrastructure;

public static class GrpcHostingExtensions
{
    /// <summary>The full names of the services <see cref="MapRegistryGrpc"/> maps; Health/Check answers for each.</summary>
    public static readonly IReadOnlyList<string> ServiceNames =
    [
        Protos.V1.CheckService.Descriptor.FullName,
        Protos.V1.ConsentService.Descriptor.FullName,
        Protos.V1.AdminService.Descriptor.FullName,
        Protos.V1.AuditService.Descriptor.FullName,
    ];

    /// <summary>
    /// The largest request message of every RPC but the admin ones, set deliberately: the largest legitimate one is a
    /// CheckBatch of 100 items (about 25 KB). A larger message is refused with RESOURCE_EXHAUSTED before it is parsed.
    /// </summary>
    public const int MaxMessageSize = 64 * 1024;

    /// <summary>
    /// The largest admin request message: an import batch of 1,000 rows with every text field at its longest is about
    /// 2 MB.
    /// </summary>
    public const int MaxAdminMessageSize = 4 * 1024 * 1024;

    /// <summary>gRPC with the error-mapping interceptor, reflection, and the clock (health: <c>AddRegistryHealth</c>).</summary>
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
            o.MaxReceiveMessageSize = MaxMessageSize;
        }).AddServiceOptions<AdminGrpcService>(o => o.MaxReceiveMessageSize = MaxAdminMessageSize);
        UseValidatingBinder(services);
        services.AddRegistryReflection();
        return services;
    }

    // Malformed requests answer INVALID_ARGUMENT, not UNKNOWN (ValidatingServiceMethodProvider). grpc-dotnet's binder is
    // internal, so it is found by name; were it renamed, start-up fails here rather than binding every route twice.
    private static void UseValidatingBinder(IServiceCollection services)
    {
        var binder = services.SingleOrDefault(d => d.ServiceType == typeof(IServiceMethodProvider<>)
                && d.ImplementationType?.FullName == "Grpc.AspNetCore.Server.Model.Internal.BinderServiceMethodProvider`1")
            ?? throw new InvalidOperationException("grpc-dotnet's BinderServiceMethodProvider was not found: check ValidatingServiceMethodProvider against this Grpc.AspNetCore.Server version.");
        services.Remove(binder);
        services.AddSingleton(typeof(IServiceMethodProvider<>), typeof(ValidatingServiceMethodProvider<>));
    }

    /// <summary>Maps every gRPC service and, in Development, reflection (health: <c>MapRegistryHealth</c>).</summary>
    public static WebApplication MapRegistryGrpc(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<GrpcFramingMiddleware>();
        app.MapGrpcService<CheckGrpcService>();
        app.MapGrpcService<ConsentGrpcService>();
        app.MapGrpcService<AdminGrpcService>();
        app.MapGrpcService<AuditGrpcService>();
        if (app.Environment.IsDevelopment())
        {
            app.MapGrpcReflectionService().AllowAnonymous();
        }

        app.MapGet("/", () => "Registry gRPC service. Use a gRPC client (see README.md); health: grpc.health.v1.Health/Check or /healthz.");
        return app;
    }
}
