using System.Diagnostics;

namespace Registry.Bench.Soak;

/// <summary>
/// An open-loop pacer: every 5 ms it starts the calls due by then at <c>rate</c> per second (the n-th call is due at
/// n / rate seconds), whether or not earlier calls have answered, so a slow service meets the same offered load
/// rather than a politely slower client. At most <c>maxInFlight</c> calls run at once; a call due while that many
/// are running is not started and counts as <see cref="Result.Skipped"/> (the soak then fell behind its rate).
/// </summary>
public sealed class RatePacer(double rate, int maxInFlight, TimeProvider clock)
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(5);

    private long _inFlight;
    private long _peakInFlight;
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _stopped;

    /// <summary>Runs <paramref name="operation"/> (which must not throw) for <paramref name="duration"/>, then waits for the calls in flight.</summary>
    public async Task<Result> RunAsync(TimeSpan duration, Func<long, Task> operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var start = clock.GetTimestamp();
        long started = 0, skipped = 0;
        using var timer = new PeriodicTimer(Tick, clock);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            var elapsed = clock.GetElapsedTime(start);
            var due = (long)(Math.Min(elapsed.TotalSeconds, duration.TotalSeconds) * rate);
            while (started + skipped < due)
            {
                if (Interlocked.Read(ref _inFlight) >= maxInFlight)
                {
                    skipped += due - (started + skipped);
                    break;
                }

                var inFlight = Interlocked.Increment(ref _inFlight);
                if (inFlight > Interlocked.Read(ref _peakInFlight))
                {
                    Interlocked.Exchange(ref _peakInFlight, inFlight);
                }

                _ = RunOneAsync(operation, started++);
            }

            if (elapsed >= duration)
            {
                break;
            }
        }

        var offeredFor = clock.GetElapsedTime(start);
        _stopped = true;
        if (Interlocked.Read(ref _inFlight) == 0)
        {
            _drained.TrySetResult();
        }

        await _drained.Task.WaitAsync(TimeSpan.FromMinutes(2), clock, cancellationToken);
        return new Result(started, skipped, Interlocked.Read(ref _peakInFlight), offeredFor, clock.GetElapsedTime(start));
    }

    private async Task RunOneAsync(Func<long, Task> operation, long n)
    {
        try
        {
            await Task.Yield();
            await operation(n);
        }
        finally
        {
            if (Interlocked.Decrement(ref _inFlight) == 0 && _stopped)
            {
                _drained.TrySetResult();
            }
        }
    }

    /// <param name="Started">Calls started.</param>
    /// <param name="Skipped">Calls due but not started because <c>maxInFlight</c> were running.</param>
    /// <param name="PeakInFlight">The most calls in flight at once.</param>
    /// <param name="Offered">How long calls were started for.</param>
    /// <param name="Elapsed">Until the last call answered.</param>
    public sealed record Result(long Started, long Skipped, long PeakInFlight, TimeSpan Offered, TimeSpan Elapsed);
}
