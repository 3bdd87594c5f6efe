using Microsoft.Extensions.DependencyInjection.Extensions;
using Registry.Client;

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

        // The SDK's AddRegistryClient takes the endpoint and key as values, so they are read here, at start-up: a missing
        // one stops the app before the first request.
        var registry = configuration.GetSection(PartnerAppOptions.SectionName).Get<PartnerAppOptions>() ?? new PartnerAppOptions();
        if (registry.Endpoint is null || string.IsNullOrWhiteSpace(registry.ApiKey))
        {
            throw new InvalidOperationException(
                $"Set {PartnerAppOptions.SectionName}:Endpoint and {PartnerAppOptions.SectionName}:ApiKey (e.g. Registry__Endpoint, Registry__ApiKey).");
        }

        return services.AddRegistryClient(registry.Endpoint, new RegistryApiKeyCredential(registry.ApiKey),
            o => o.Timeout = TimeSpan.FromSeconds(10));
    }
}
