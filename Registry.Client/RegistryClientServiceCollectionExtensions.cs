using Microsoft.Extensions.DependencyInjection.Extensions;
using Registry.Client;

// In the DI namespace, as grpc-dotnet's AddGrpc is, so that the method is found without an extra using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="RegistryClient"/> in a service collection.</summary>
public static class RegistryClientServiceCollectionExtensions
{
    /// <summary>Registers one singleton <see cref="RegistryClient"/> for an endpoint and API key, unless one is registered already.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="endpoint">The service address, e.g. <c>http://localhost:5080</c>.</param>
    /// <param name="credential">The API key.</param>
    /// <param name="configureOptions">Adjusts the options; the registered <see cref="TimeProvider"/>, if any, is preset.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <remarks>The options are validated when the client is first resolved.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="services"/>, <paramref name="endpoint"/> or
    /// <paramref name="credential"/> is <see langword="null"/>.</exception>
    public static IServiceCollection AddRegistryClient(
        this IServiceCollection services,
        Uri endpoint,
        RegistryApiKeyCredential credential,
        Action<RegistryClientOptions>? configureOptions = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(credential);

        services.TryAddSingleton(provider =>
        {
            var options = new RegistryClientOptions
            {
                TimeProvider = provider.GetService<TimeProvider>() ?? TimeProvider.System,
            };
            configureOptions?.Invoke(options);
            return new RegistryClient(endpoint, credential, options);
        });
        return services;
    }
}
