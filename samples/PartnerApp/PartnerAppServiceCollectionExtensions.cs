using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PartnerApp;

public static class PartnerAppServiceCollectionExtensions
{
    /// <summary>The registry client (one for the process, from the <c>Registry</c> section) and the wording of results.</summary>
    public static IServiceCollection AddPartnerApp(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        // Bound lines replace the defaults rather than add to them (the binder appends to a list it finds filled).
        services.AddOptions<HelpOptions>().BindConfiguration(HelpOptions.SectionName).PostConfigure(o =>
        {
            if (o.Lines.Count == 0)
            {
                foreach (var line in HelpOptions.KazakhstanLines)
                {
                    o.Lines.Add(line);
                }
            }
        });
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SafetyWording>();
        services.AddProblemDetails();

        // Endpoint, ApiKey and the SDK's options from the "Registry" section, validated when the host starts (a missing or
        // malformed one stops the app with a message naming the setting); the container owns and disposes the client.
        return services.AddRegistryClient(configuration.GetSection("Registry"));
    }
}
