using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Registry.Service.Audit;

public static class AuditServiceCollectionExtensions
{
    /// <summary>Registers the access log writer.</summary>
    public static IServiceCollection AddRegistryAudit(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<IAuditLog, TransactionalAuditLog>();
        return services;
    }
}
