using Grpc.Core;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Registry.Client.Internal;

/// <summary>Builds the client's one resilience pipeline: total timeout ⊃ retry ⊃ circuit breaker ⊃ per-attempt timeout.</summary>
internal static class RegistryResilience
{
    /// <summary>Whether repeating the call is harmless (a read, or a call that carries a request id the server deduplicates).</summary>
    public static readonly ResiliencePropertyKey<bool> IsRepeatable = new("Registry.IsRepeatable");

    /// <summary>When the logical call started (a <see cref="TimeProvider.GetTimestamp"/> value).</summary>
    public static readonly ResiliencePropertyKey<long> StartedAt = new("Registry.StartedAt");

    /// <summary>The SDK method of the call (<c>Check</c>), for telemetry.</summary>
    public static readonly ResiliencePropertyKey<string> Method = new("Registry.Method");

    public static ResiliencePipeline CreatePipeline(RegistryClientOptions options, RegistryClientTelemetry telemetry)
    {
        var builder = new ResiliencePipelineBuilder { Name = "Registry.Client", TimeProvider = options.TimeProvider }
            .AddTimeout(new TimeoutStrategyOptions
            {
                Timeout = options.Timeout,
                OnTimeout = args =>
                {
                    telemetry.CallTimeout(MethodOf(args.Context), args.Timeout);
                    return default;
                },
            });

        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome.Exception, args.Context, options)),
                DelayGenerator = args => ValueTask.FromResult(ServerRetryDelay(args.Outcome.Exception)),
                OnRetry = args =>
                {
                    telemetry.Retry(MethodOf(args.Context), StatusOf(args.Outcome.Exception), args.AttemptNumber + 1, args.RetryDelay);
                    return default;
                },
            });
        }

        if (options.EnableCircuitBreaker)
        {
            // Inside the retry, so every attempt counts towards the storm and an open circuit stops the retries too.
            builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = options.CircuitBreakerFailureRatio,
                MinimumThroughput = options.CircuitBreakerMinimumThroughput,
                SamplingDuration = options.CircuitBreakerSamplingDuration,
                BreakDuration = options.CircuitBreakerBreakDuration,
                // Only UNAVAILABLE: the service or a proxy in front of it is down. Refusals, quota answers and timeouts are
                // answers about one call, not signs that the service is gone.
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is RpcException { StatusCode: StatusCode.Unavailable }),
                OnOpened = args =>
                {
                    telemetry.CircuitOpened(args.BreakDuration);
                    return default;
                },
                OnHalfOpened = _ =>
                {
                    telemetry.CircuitHalfOpened();
                    return default;
                },
                OnClosed = _ =>
                {
                    telemetry.CircuitClosed();
                    return default;
                },
            });
        }

        return builder.AddTimeout(new TimeoutStrategyOptions
        {
            Timeout = options.AttemptTimeout,
            OnTimeout = args =>
            {
                telemetry.AttemptTimeout(MethodOf(args.Context), args.Timeout);
                return default;
            },
        }).Build();
    }

    // Unavailable means the service did not act (the contract's AUDIT_UNAVAILABLE says "nothing was changed"), and
    // ResourceExhausted with a RetryInfo is a quota refusal the server asks us to repeat later. Either is retried after
    // the server's RetryInfo delay when it sends one (AUDIT_UNAVAILABLE asks for 1 s), unless that delay would outlast
    // the call's total timeout: then the caller gets the failure (with RetryAfter) at once instead of a timeout later. An attempt that timed out may have been applied, so it is repeated only when the server deduplicates it.
    // An open circuit is not retried: failing fast is its point, nor is the enumeration watch's throttle. ABORTED
    // CONCURRENT_REQUEST is retried for calls with a request id. Nothing else is retried.
    // The enumeration watch's throttle: every refused call counts towards the partner's suspension, so the SDK never
    // repeats it, whatever its RetryInfo and the call's budget; the caller gets it at once, with RetryAfter.
    private const string EnumerationSuspectedReason = "ENUMERATION_SUSPECTED";

    // A check that lost a race of three calls with its own request id: nothing was written or disclosed, and the retry,
    // with the same request id, is answered as the retry it is. Repeated after the exponential back-off (the jitter
    // keeps the racers apart), and only for calls that carry a request id the server deduplicates.
    private const string ConcurrentRequestReason = "CONCURRENT_REQUEST";

    private static bool ShouldRetry(Exception? exception, ResilienceContext context, RegistryClientOptions options) => exception switch
    {
        RpcException { StatusCode: StatusCode.Unavailable } e =>
            RegistryErrorConverter.GetRetryDelay(e) is not { } delay || FitsTheBudget(delay, context, options),
        RpcException { StatusCode: StatusCode.ResourceExhausted } e =>
            RegistryErrorConverter.GetReason(e) != EnumerationSuspectedReason &&
            RegistryErrorConverter.GetRetryDelay(e) is { } delay && FitsTheBudget(delay, context, options),
        RpcException { StatusCode: StatusCode.Aborted } e =>
            RegistryErrorConverter.GetReason(e) == ConcurrentRequestReason && context.Properties.GetValue(IsRepeatable, false),
        TimeoutRejectedException => context.Properties.GetValue(IsRepeatable, false),
        _ => false,
    };

    private static bool FitsTheBudget(TimeSpan delay, ResilienceContext context, RegistryClientOptions options) =>
        Elapsed(context, options.TimeProvider) + delay < options.Timeout;

    private static TimeSpan Elapsed(ResilienceContext context, TimeProvider timeProvider) =>
        context.Properties.TryGetValue(StartedAt, out var startedAt) ? timeProvider.GetElapsedTime(startedAt) : TimeSpan.Zero;

    // The server's delay wins over our back-off; null falls back to exponential back-off with jitter.
    private static TimeSpan? ServerRetryDelay(Exception? exception) =>
        exception is RpcException { StatusCode: StatusCode.Unavailable or StatusCode.ResourceExhausted } e ? RegistryErrorConverter.GetRetryDelay(e) : null;

    private static string MethodOf(ResilienceContext context) => context.Properties.GetValue(Method, "unknown");

    private static string StatusOf(Exception? exception) => exception switch
    {
        RpcException e => StatusCodeNames.Of(e.StatusCode),
        TimeoutRejectedException => StatusCodeNames.Of(StatusCode.DeadlineExceeded),
        _ => StatusCodeNames.Of(StatusCode.Unknown),
    };
}
