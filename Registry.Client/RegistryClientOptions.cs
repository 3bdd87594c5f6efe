using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace Registry.Client;

/// <summary>Options of a <see cref="RegistryClient"/>: service version, timeouts, retries, circuit breaker, telemetry, clock
/// and transport.</summary>
/// <remarks>The options are read once, when the client is built, and validated then. <c>AddRegistryClient</c> binds them
/// from configuration (the property names are the keys, e.g. <c>Registry:MaxRetries</c>) and validates them at start-up.</remarks>
public sealed class RegistryClientOptions
{
    /// <summary>The newest service version this SDK knows.</summary>
    public const ServiceVersion LatestVersion = ServiceVersion.V1;

    /// <summary>The name of the <see cref="Meter"/> the client records its retries, timeouts and circuit breaker events on.</summary>
    public const string MeterName = "Registry.Client";

    /// <summary>Creates options for the latest service version (the constructor configuration binding uses).</summary>
    public RegistryClientOptions()
        : this(LatestVersion)
    {
    }

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

    /// <summary>Gets or sets whether a circuit breaker stops calling the service during a storm of <c>UNAVAILABLE</c> answers.</summary>
    /// <value>Defaults to <see langword="true"/>.</value>
    /// <remarks>While the circuit is open every call fails at once with a <see cref="RegistryRequestException"/> whose
    /// <see cref="RegistryRequestException.StatusCode"/> is <c>Unavailable</c>, <see cref="RegistryRequestException.ErrorCode"/> is
    /// <c>CIRCUIT_OPEN</c> and <see cref="RegistryRequestException.RetryAfter"/> says when the next call may go through.</remarks>
    public bool EnableCircuitBreaker { get; set; } = true;

    /// <summary>Gets or sets the share of attempts answered <c>UNAVAILABLE</c>, within <see cref="CircuitBreakerSamplingDuration"/>,
    /// that opens the circuit.</summary>
    /// <value>Defaults to 0.5; above 0 and at most 1.</value>
    public double CircuitBreakerFailureRatio { get; set; } = 0.5;

    /// <summary>Gets or sets how many attempts must have been made within <see cref="CircuitBreakerSamplingDuration"/> before the
    /// circuit may open.</summary>
    /// <value>Defaults to 10; between 2 and 10,000.</value>
    public int CircuitBreakerMinimumThroughput { get; set; } = 10;

    /// <summary>Gets or sets the window over which the circuit breaker counts attempts and <c>UNAVAILABLE</c> answers.</summary>
    /// <value>Defaults to 30 seconds; between 500 milliseconds and 1 day.</value>
    public TimeSpan CircuitBreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how long an open circuit fails calls at once before it lets one trial call through.</summary>
    /// <value>Defaults to 5 seconds; between 500 milliseconds and 1 day.</value>
    /// <remarks>A trial call that succeeds closes the circuit; one answered <c>UNAVAILABLE</c> opens it again.</remarks>
    public TimeSpan CircuitBreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets the logger factory the client logs its retries, timeouts and circuit breaker events to.</summary>
    /// <value>Defaults to <see langword="null"/>: nothing is logged. <c>AddRegistryClient</c> presets the container's factory.</value>
    /// <remarks>Log messages never contain API keys, hashes or identifiers; see the SDK guide for the event ids.</remarks>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>Gets or sets the factory of the <see cref="Meter"/> named <see cref="MeterName"/>.</summary>
    /// <value>Defaults to <see langword="null"/>: the client creates (and disposes) its own meter. <c>AddRegistryClient</c>
    /// presets the container's factory.</value>
    public IMeterFactory? MeterFactory { get; set; }

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
        foreach (var (option, message) in FindProblems())
        {
            throw new ArgumentException(message, option);
        }
    }

    /// <summary>Every invalid option, with a message that names it.</summary>
    internal IEnumerable<(string Option, string Message)> FindProblems()
    {
        if (!Enum.IsDefined(Version))
        {
            yield return (nameof(Version), $"Unknown service version {(int)Version}.");
        }

        if (Timeout < TimeSpan.FromMilliseconds(10) || Timeout > TimeSpan.FromDays(1))
        {
            yield return (nameof(Timeout), "Timeout must be between 10 milliseconds and 1 day.");
        }

        if (AttemptTimeout < TimeSpan.FromMilliseconds(10) || AttemptTimeout > Timeout)
        {
            yield return (nameof(AttemptTimeout), "AttemptTimeout must be between 10 milliseconds and Timeout.");
        }

        if (MaxRetries is < 0 or > 10)
        {
            yield return (nameof(MaxRetries), "MaxRetries must be between 0 and 10.");
        }

        if (RetryBaseDelay < TimeSpan.Zero || RetryBaseDelay > TimeSpan.FromMinutes(1))
        {
            yield return (nameof(RetryBaseDelay), "RetryBaseDelay must be between 0 and 1 minute.");
        }

        if (!(CircuitBreakerFailureRatio > 0 && CircuitBreakerFailureRatio <= 1))
        {
            yield return (nameof(CircuitBreakerFailureRatio), "CircuitBreakerFailureRatio must be above 0 and at most 1.");
        }

        if (CircuitBreakerMinimumThroughput is < 2 or > 10_000)
        {
            yield return (nameof(CircuitBreakerMinimumThroughput), "CircuitBreakerMinimumThroughput must be between 2 and 10000.");
        }

        if (CircuitBreakerSamplingDuration < TimeSpan.FromMilliseconds(500) || CircuitBreakerSamplingDuration > TimeSpan.FromDays(1))
        {
            yield return (nameof(CircuitBreakerSamplingDuration), "CircuitBreakerSamplingDuration must be between 500 milliseconds and 1 day.");
        }

        if (CircuitBreakerBreakDuration < TimeSpan.FromMilliseconds(500) || CircuitBreakerBreakDuration > TimeSpan.FromDays(1))
        {
            yield return (nameof(CircuitBreakerBreakDuration), "CircuitBreakerBreakDuration must be between 500 milliseconds and 1 day.");
        }

        if (TimeProvider is null)
        {
            yield return (nameof(TimeProvider), "TimeProvider must not be null.");
        }
    }

    /// <summary>Copies the options so that later changes by the caller do not affect a built client.</summary>
    internal RegistryClientOptions Clone() => new(Version)
    {
        Timeout = Timeout,
        AttemptTimeout = AttemptTimeout,
        MaxRetries = MaxRetries,
        RetryBaseDelay = RetryBaseDelay,
        EnableCircuitBreaker = EnableCircuitBreaker,
        CircuitBreakerFailureRatio = CircuitBreakerFailureRatio,
        CircuitBreakerMinimumThroughput = CircuitBreakerMinimumThroughput,
        CircuitBreakerSamplingDuration = CircuitBreakerSamplingDuration,
        CircuitBreakerBreakDuration = CircuitBreakerBreakDuration,
        LoggerFactory = LoggerFactory,
        MeterFactory = MeterFactory,
        TimeProvider = TimeProvider,
        HttpHandler = HttpHandler,
    };
}
