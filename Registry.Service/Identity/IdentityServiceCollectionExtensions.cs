using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Registry.Service.Infrastructure;

namespace Registry.Service.Identity;

public static class IdentityServiceCollectionExtensions
{
    /// <summary>Registers the subject key ring (loaded and checked at start-up).</summary>
    public static IServiceCollection AddRegistryIdentity(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<SubjectKeyOptions>()
            .BindConfiguration(SubjectKeyOptions.SectionName)
            .PostConfigure<IHostEnvironment>((o, environment) => o.KeyFile = ContentRoot.Resolve(o.KeyFile, environment))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(sp => SubjectKeyRingLoader.Load(
            sp.GetRequiredService<IOptions<SubjectKeyOptions>>().Value,
            sp.GetRequiredService<IOptions<DatabaseOptions>>().Value,
            sp.GetRequiredService<IHostEnvironment>()));
        services.AddHostedService<SubjectKeyRingStartupCheck>();
        return services;
    }
}
