namespace Registry.Bench.Soak;

/// <summary>
/// The maximum check rate: <c>concurrency</c> seeded checks kept in flight (closed loop, raw gRPC) for a warm-up and then
/// a measured window; the rate is the checks answered as expected in the window divided by its length.
/// </summary>
public static class MaxRateProbe
{
    public static async Task<ProbeReport> RunAsync(
        SoakWorkload workload, int concurrency, TimeSpan warmUp, TimeSpan window, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workload);
        var measureFrom = clock.GetTimestamp() + (long)(warmUp.TotalSeconds * clock.TimestampFrequency);
        var measureTo = measureFrom + (long)(window.TotalSeconds * clock.TimestampFrequency);
        long answered = 0, failed = 0;
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            await Task.Yield();
            while (!cancellationToken.IsCancellationRequested && clock.GetTimestamp() < measureTo)
            {
                var ok = await workload.CheckSeededAsync(SoakOperation.ProbeCheck);
                var ended = clock.GetTimestamp();
                if (ended >= measureFrom && ended < measureTo)
                {
                    Interlocked.Increment(ref ok ? ref answered : ref failed);
                }
            }
        }).ToArray();
        await Task.WhenAll(workers);
        return new ProbeReport(concurrency, warmUp.TotalSeconds, window.TotalSeconds, answered, failed, Math.Round(answered / window.TotalSeconds, 1));
    }
}
