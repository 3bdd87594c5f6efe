using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Registry.Client.Internal;

/// <summary>The client's logger and meter: each retry, timeout and circuit breaker event is logged and counted.</summary>
/// <remarks>Metric tags are only the method and a status or state, never a key, request id or identity, so their
/// cardinality stays small and nothing personal leaves the process.</remarks>
internal sealed class RegistryClientTelemetry : IDisposable
{
    public const string MethodTag = "rpc.method";
    public const string StatusTag = "rpc.grpc.status_code";
    public const string TimeoutTag = "registry.timeout";
    public const string StateTag = "registry.circuit_breaker.state";

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _retries;
    private readonly Counter<long> _timeouts;
    private readonly Counter<long> _transitions;
    private readonly Counter<long> _rejections;

    public RegistryClientTelemetry(RegistryClientOptions options)
    {
        var version = typeof(RegistryClientTelemetry).Assembly.GetName().Version?.ToString();
        _ownsMeter = options.MeterFactory is null;
        _meter = options.MeterFactory?.Create(new MeterOptions(RegistryClientOptions.MeterName) { Version = version })
            ?? new Meter(RegistryClientOptions.MeterName, version);
        _retries = _meter.CreateCounter<long>("registry.client.retries", "{retry}", "Attempts repeated after a retryable failure.");
        _timeouts = _meter.CreateCounter<long>("registry.client.timeouts", "{timeout}", "Attempts and calls that hit the client's timeout.");
        _transitions = _meter.CreateCounter<long>(
            "registry.client.circuit_breaker.transitions", "{transition}", "Changes of the circuit breaker's state.");
        _rejections = _meter.CreateCounter<long>(
            "registry.client.circuit_breaker.rejections", "{call}", "Calls failed at once because the circuit was open.");
        Logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Registry.Client.RegistryClient");
    }

    public ILogger Logger { get; }

    public void Retry(string method, string status, int attempt, TimeSpan delay)
    {
        _retries.Add(1, new(MethodTag, method), new(StatusTag, status));
        RegistryClientLog.RetryScheduled(Logger, method, status, attempt, delay.TotalMilliseconds);
    }

    public void AttemptTimeout(string method, TimeSpan timeout)
    {
        _timeouts.Add(1, new(MethodTag, method), new(TimeoutTag, "attempt"));
        RegistryClientLog.AttemptTimedOut(Logger, method, timeout);
    }

    public void CallTimeout(string method, TimeSpan timeout)
    {
        _timeouts.Add(1, new(MethodTag, method), new(TimeoutTag, "call"));
        RegistryClientLog.CallTimedOut(Logger, method, timeout);
    }

    public void CircuitOpened(TimeSpan breakDuration)
    {
        _transitions.Add(1, new KeyValuePair<string, object?>(StateTag, "open"));
        RegistryClientLog.CircuitOpened(Logger, breakDuration);
    }

    public void CircuitHalfOpened()
    {
        _transitions.Add(1, new KeyValuePair<string, object?>(StateTag, "half_open"));
        RegistryClientLog.CircuitHalfOpened(Logger);
    }

    public void CircuitClosed()
    {
        _transitions.Add(1, new KeyValuePair<string, object?>(StateTag, "closed"));
        RegistryClientLog.CircuitClosed(Logger);
    }

    public void Rejected(string method, TimeSpan retryAfter)
    {
        _rejections.Add(1, new KeyValuePair<string, object?>(MethodTag, method));
        RegistryClientLog.CallRejectedByOpenCircuit(Logger, method, retryAfter);
    }

    // A meter from an IMeterFactory belongs to the factory, which disposes it with the container.
    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }
}
