using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Registry.Client.Transparency;
using Registry.Service.Infrastructure;

namespace Registry.Service.Audit;

public static class AuditServiceCollectionExtensions
{
    /// <summary>
    /// Registers the group-commit access log writer, the sequencer (every replica; the lease holder works),
    /// the checkpoint signing key and the auditor handlers.
    /// </summary>
    public static IServiceCollection AddRegistryAudit(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<AuditOptions>()
            .BindConfiguration(AuditOptions.SectionName)
            .PostConfigure<IHostEnvironment>((o, environment) => o.SigningKeyFile = ContentRoot.Resolve(o.SigningKeyFile, environment))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(sp => AuditSigningKeyLoader.Load(
            sp.GetRequiredService<IOptions<AuditOptions>>().Value,
            sp.GetRequiredService<IOptions<DatabaseOptions>>().Value,
            sp.GetRequiredService<IHostEnvironment>()));
        services.AddMetrics();
        services.TryAddSingleton<AuditMetrics>();
        services.TryAddSingleton<AuditSequencingState>();
        services.TryAddSingleton<AuditWriterHealth>();
        services.TryAddSingleton<GroupCommitAuditLog>();
        services.TryAddSingleton<IAuditLog>(sp => sp.GetRequiredService<GroupCommitAuditLog>());
        services.AddHostedService(sp => sp.GetRequiredService<GroupCommitAuditLog>());
        services.TryAddSingleton<AuditSequencer>();
        services.AddHostedService(sp => sp.GetRequiredService<AuditSequencer>());
        // The auditor handlers hold no state and open a context inside each read, so they are singletons: a call
        // that reads nothing (GetPublicKey) builds no handler graph and no DbContext (issue 8).
        services.TryAddSingleton<AuditorCalls>();
        services.TryAddSingleton<AuditQueryHandler>();
        services.TryAddSingleton<AuditProofHandler>();
        services.TryAddSingleton<AuditVerifyHandler>();
        return services;
    }
}
