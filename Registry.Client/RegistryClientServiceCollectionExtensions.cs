using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Registry.Client;
using Registry.Client.Internal;

// In the DI namespace, as grpc-dotnet's AddGrpc is, so that the method is found without an extra using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="RegistryClient"/> in a service collection.</summary>
/// <remarks>The client is a singleton that the container builds with the same public constructor as <c>new</c> and disposes
/// with itself. Its options are <see cref="IOptions{TOptions}"/> of <see cref="RegistryClientOptions"/>: the container's
/// <see cref="TimeProvider"/>, <see cref="ILoggerFactory"/> and <see cref="IMeterFactory"/> are preset, and they are validated
/// when the host starts (<c>ValidateOnStart</c>), so a bad setting stops the host instead of failing the first call.</remarks>
public static class RegistryClientServiceCollectionExtensions
{
    /// <summary>Registers one singleton <see cref="RegistryClient"/> configured from a configuration section, unless one is
    /// registered already.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The section, e.g. <c>configuration.GetSection("Registry")</c>: <c>Endpoint</c> and
    /// <c>ApiKey</c> are required, and every property of <see cref="RegistryClientOptions"/> may be set (<c>Timeout</c>,
    /// <c>MaxRetries</c>, <c>CircuitBreakerBreakDuration</c>, …).</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <remarks>A missing or invalid key fails the host's start with an <see cref="OptionsValidationException"/> whose
    /// message names the key, e.g. <c>Registry:Endpoint</c>. Keep the API key in a secret store or an environment variable
    /// (<c>Registry__ApiKey</c>), not in a checked-in file.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="configuration"/> is <see langword="null"/>.</exception>
    public static IServiceCollection AddRegistryClient(this IServiceCollection services, IConfiguration configuration) =>
        AddRegistryClient(services, configuration, static _ => { });

    /// <summary>Registers one singleton <see cref="RegistryClient"/> configured from a configuration section and adjusted in
    /// code, unless one is registered already.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The section, e.g. <c>configuration.GetSection("Registry")</c>, with <c>Endpoint</c>,
    /// <c>ApiKey</c> and any <see cref="RegistryClientOptions"/> property.</param>
    /// <param name="configureOptions">Adjusts the options after they are bound (e.g. sets <see cref="RegistryClientOptions.HttpHandler"/>).</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <remarks>The options are validated when the host starts; see <see cref="AddRegistryClient(IServiceCollection, IConfiguration)"/>.</remarks>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static IServiceCollection AddRegistryClient(
        this IServiceCollection services, IConfiguration configuration, Action<RegistryClientOptions> configureOptions)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(configureOptions);

        return AddCore(
            services,
            (configuration as IConfigurationSection)?.Path,
            connection => configuration.Bind(connection),
            options =>
            {
                configuration.Bind(options);
                configureOptions(options);
            });
    }

    /// <summary>Registers one singleton <see cref="RegistryClient"/> for an endpoint and API key, unless one is registered already.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="endpoint">The service address, e.g. <c>http://localhost:5080</c>.</param>
    /// <param name="credential">The API key.</param>
    /// <param name="configureOptions">Adjusts the options; the container's <see cref="TimeProvider"/>, <see cref="ILoggerFactory"/>
    /// and <see cref="IMeterFactory"/>, if any, are preset.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <remarks>The options are validated when the host starts (and again when the client is first resolved).</remarks>
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

        return AddCore(
            services,
            sectionPath: null,
            connection => (connection.Endpoint, connection.Credential) = (endpoint.OriginalString, credential),
            options => configureOptions?.Invoke(options));
    }

    private static IServiceCollection AddCore(
        IServiceCollection services,
        string? sectionPath,
        Action<RegistryClientConnection> configureConnection,
        Action<RegistryClientOptions> configureOptions)
    {
        // TryAdd semantics for the whole registration: a second call must not add its bindings to the first client's.
        if (services.Any(d => d.ServiceType == typeof(RegistryClient)))
        {
            return services;
        }

        var validation = new RegistryClientValidation(sectionPath);
        services.AddOptions<RegistryClientConnection>()
            .Configure(configureConnection)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<RegistryClientConnection>>(validation);

        services.AddOptions<RegistryClientOptions>()
            .Configure<IServiceProvider>((options, provider) =>
            {
                options.TimeProvider = provider.GetService<TimeProvider>() ?? options.TimeProvider;
                options.LoggerFactory = provider.GetService<ILoggerFactory>();
                options.MeterFactory = provider.GetService<IMeterFactory>();
            })
            .Configure(configureOptions)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<RegistryClientOptions>>(validation);

        // The container disposes a singleton it built from a factory, and with it the client's channel.
        services.TryAddSingleton(provider =>
        {
            var connection = provider.GetRequiredService<IOptions<RegistryClientConnection>>().Value;
            return new RegistryClient(
                new Uri(connection.Endpoint!, UriKind.Absolute),
                connection.Credential ?? new RegistryApiKeyCredential(connection.ApiKey!),
                provider.GetRequiredService<IOptions<RegistryClientOptions>>().Value);
        });
        return services;
    }
}
