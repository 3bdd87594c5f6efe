using Microsoft.Extensions.Logging;

namespace Registry.Client.Internal;

/// <summary>The client's log messages; event ids 100–199 belong to the SDK. None carries an API key, hash or identifier.</summary>
internal static partial class RegistryClientLog
{
    [LoggerMessage(EventId = 101, EventName = nameof(RetryScheduled), Level = LogLevel.Warning,
        Message = "Registry call {Method} failed with {Status}; retry {Attempt} in {DelayMs} ms")]
    public static partial void RetryScheduled(ILogger logger, string method, string status, int attempt, double delayMs);

    [LoggerMessage(EventId = 102, EventName = nameof(AttemptTimedOut), Level = LogLevel.Warning,
        Message = "Registry call {Method}: an attempt did not complete within {Timeout}")]
    public static partial void AttemptTimedOut(ILogger logger, string method, TimeSpan timeout);

    [LoggerMessage(EventId = 103, EventName = nameof(CallTimedOut), Level = LogLevel.Warning,
        Message = "Registry call {Method} did not complete within its total timeout of {Timeout}")]
    public static partial void CallTimedOut(ILogger logger, string method, TimeSpan timeout);

    [LoggerMessage(EventId = 104, EventName = nameof(CircuitOpened), Level = LogLevel.Error,
        Message = "The circuit to the Registry service opened after repeated UNAVAILABLE answers; calls fail at once for {BreakDuration}")]
    public static partial void CircuitOpened(ILogger logger, TimeSpan breakDuration);

    [LoggerMessage(EventId = 105, EventName = nameof(CircuitHalfOpened), Level = LogLevel.Information,
        Message = "The circuit to the Registry service is half open: the next call is a trial")]
    public static partial void CircuitHalfOpened(ILogger logger);

    [LoggerMessage(EventId = 106, EventName = nameof(CircuitClosed), Level = LogLevel.Information,
        Message = "The circuit to the Registry service closed: calls go through again")]
    public static partial void CircuitClosed(ILogger logger);

    [LoggerMessage(EventId = 107, EventName = nameof(CallRejectedByOpenCircuit), Level = LogLevel.Debug,
        Message = "Registry call {Method} failed at once: the circuit is open for another {RetryAfter}")]
    public static partial void CallRejectedByOpenCircuit(ILogger logger, string method, TimeSpan retryAfter);
}
