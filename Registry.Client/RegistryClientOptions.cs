namespace Registry.Client;

/// <summary>Options of a <see cref="RegistryClient"/>: service version, timeouts, retries, clock and transport.</summary>
/// <remarks>The options are read once, when the client is built, and validated then.</remarks>
public sealed class RegistryClientOptions
{
    /// <summary>The newest service version this SDK knows.</summary>
    public const ServiceVersion LatestVersion = ServiceVersion.V1;

    /// <summary>Creates options for the given service version.</summary>
    /// <param name="version">The service version to talk to; the latest by default.</param>
    public RegistryClientOptions(ServiceVersion version = LatestVersion) => Version = version;

    /// <summary>The versions of the Registry service this SDK can talk to.</summary>
    public enum ServiceVersion
    {
        /// <summary>The v1 contract (<c>registry.v1</c>).</summary>
        V1 = 1,
    }

    /// <summary>Gets the service version the client talks to.</summary>
    /// <value>Defaults to <see cref="LatestVersion"/>.</value>
    public ServiceVersion Version { get; }

    /// <summary>Gets or sets how long one logical call may take in all, retries and back-off delays included.</summary>
    /// <value>Defaults to 30 seconds; between 10 milliseconds and 1 day.</value>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how long one attempt of a call may take.</summary>
    /// <value>Defaults to 10 seconds; between 10 milliseconds and <see cref="Timeout"/>.</value>
    /// <remarks>An attempt that times out is retried only when repeating it is safe (reads, and calls that carry a request id).</remarks>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets how many times a failed call is retried after its first attempt.</summary>
    /// <value>Defaults to 3; between 0 (no retries) and 10.</value>
    public int MaxRetries { get; set; } = 3;

    /// <summary>Gets or sets the base delay of the exponential back-off between retries (jitter is added).</summary>
    /// <value>Defaults to 200 milliseconds; between 0 and 1 minute. A server's RetryInfo delay takes precedence.</value>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Gets or sets the clock used for timeouts and back-off delays.</summary>
    /// <value>Defaults to <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Gets or sets the HTTP handler that carries the gRPC calls.</summary>
    /// <value>Defaults to <see langword="null"/>: the client creates a <see cref="SocketsHttpHandler"/> it owns.</value>
    /// <remarks>Lets tests route calls into an in-process server and apps customise the transport (proxies, certificates).
    /// A handler set here is not disposed by the client.</remarks>
    public HttpMessageHandler? HttpHandler { get; set; }

    /// <summary>Checks every option and throws for the first invalid one.</summary>
    /// <exception cref="ArgumentException">An option is out of range; <see cref="ArgumentException.ParamName"/> names it.</exception>
    internal void Validate()
    {
        if (!Enum.IsDefined(Version))
        {
            throw new ArgumentException($"Unknown service version {(int)Version}.", nameof(Version));
        }

        if (Timeout < TimeSpan.FromMilliseconds(10) || Timeout > TimeSpan.FromDays(1))
        {
            throw new ArgumentException("Timeout must be between 10 milliseconds and 1 day.", nameof(Timeout));
        }

        if (AttemptTimeout < TimeSpan.FromMilliseconds(10) || AttemptTimeout > Timeout)
        {
            throw new ArgumentException("AttemptTimeout must be between 10 milliseconds and Timeout.", nameof(AttemptTimeout));
        }

        if (MaxRetries is < 0 or > 10)
        {
            throw new ArgumentException("MaxRetries must be between 0 and 10.", nameof(MaxRetries));
        }

        if (RetryBaseDelay < TimeSpan.Zero || RetryBaseDelay > TimeSpan.FromMinutes(1))
        {
            throw new ArgumentException("RetryBaseDelay must be between 0 and 1 minute.", nameof(RetryBaseDelay));
        }

        if (TimeProvider is null)
        {
            throw new ArgumentException("TimeProvider must not be null.", nameof(TimeProvider));
        }
    }

    /// <summary>Copies the options so that later changes by the caller do not affect a built client.</summary>
    internal RegistryClientOptions Clone() => new(Version)
    {
        Timeout = Timeout,
        AttemptTimeout = AttemptTimeout,
        MaxRetries = MaxRetries,
        RetryBaseDelay = RetryBaseDelay,
        TimeProvider = TimeProvider,
        HttpHandler = HttpHandler,
    };
}
