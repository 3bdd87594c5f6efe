using System.Diagnostics;
using Google.Protobuf;
using Grpc.Core;
using Registry.Protos.V1;

namespace Registry.Bench.Load;

/// <summary>
/// Keeps <c>concurrency</c> calls in flight for a warm-up and then a measured window, and reports the calls
/// completed in the window, their rate and latency percentiles. Stops by itself.
/// </summary>
public sealed class LoadRunner(BenchHost host, BenchScenario scenario, int concurrency)
{
    private readonly CheckService.CheckServiceClient _checks = new(BenchChannel.Create(host.Address, scenario.PartnerKey));
    private readonly AuditService.AuditServiceClient _auditor = new(BenchChannel.Create(host.Address, scenario.AuditorKey));
    private readonly ByteString[] _h1s = scenario.Consents.Select(c => ByteString.CopyFrom(c.H1)).ToArray();
    private long _slot;

    public async Task<RunResult> RunAsync(AuditMode mode, int repetition, TimeSpan warmUp, TimeSpan window, CancellationToken cancellationToken)
    {
        host.AuditLog.Mode = mode;
        var measureFrom = Stopwatch.GetTimestamp() + (long)(warmUp.TotalSeconds * Stopwatch.Frequency);
        var measureTo = measureFrom + (long)(window.TotalSeconds * Stopwatch.Frequency);
        host.Batches.Reset();
        var workers = Enumerable.Range(0, concurrency).Select(w => WorkAsync(mode, w, measureFrom, measureTo, cancellationToken)).ToArray();
        var cpu = CpuDuringAsync(measureFrom, measureTo, cancellationToken);
        var perWorker = await Task.WhenAll(workers);
        var cpuTime = await cpu;
        var batches = host.Batches.Reset();
        var latencies = perWorker.SelectMany(w => w.Latencies).Order().ToArray();
        var errors = perWorker.Sum(w => w.Errors);
        return new RunResult(mode, repetition, latencies.Length, errors, latencies.Length / window.TotalSeconds,
            Percentile(latencies, 0.50), Percentile(latencies, 0.99), batches, LoadAverage(),
            cpuTime.TotalSeconds / window.TotalSeconds, latencies.Length == 0 ? double.NaN : cpuTime.TotalMilliseconds / latencies.Length);
    }

    /// <summary>
    /// The process's CPU time (every thread: server, client, writer, JIT, GC) over the measured window, so that a
    /// run shows both the CPU per call and how much of the 2 cores sat idle.
    /// </summary>
    private static async Task<TimeSpan> CpuDuringAsync(long measureFrom, long measureTo, CancellationToken cancellationToken)
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        await Task.Delay(Until(measureFrom), cancellationToken);
        process.Refresh();
        var start = process.TotalProcessorTime;
        await Task.Delay(Until(measureTo), cancellationToken);
        process.Refresh();
        return process.TotalProcessorTime - start;

        static TimeSpan Until(long timestamp)
        {
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), timestamp);
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
    }

    private async Task<(List<double> Latencies, long Errors)> WorkAsync(AuditMode mode, int worker, long measureFrom, long measureTo, CancellationToken cancellationToken)
    {
        await Task.Yield();
        var latencies = new List<double>(65_536);
        long errors = 0;
        var i = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var started = Stopwatch.GetTimestamp();
            if (started >= measureTo)
            {
                break;
            }

            var ok = await CallAsync(mode, worker, i++, cancellationToken);
            var ended = Stopwatch.GetTimestamp();
            if (ended >= measureFrom && ended < measureTo)
            {
                if (ok)
                {
                    latencies.Add(Stopwatch.GetElapsedTime(started, ended).TotalMilliseconds);
                }
                else
                {
                    errors++;
                }
            }
        }

        return (latencies, errors);
    }

    private async Task<bool> CallAsync(AuditMode mode, int worker, int i, CancellationToken cancellationToken)
    {
        try
        {
            if (mode == AuditMode.Echo)
            {
                await _auditor.GetPublicKeyAsync(new GetPublicKeyRequest(), cancellationToken: cancellationToken);
                return true;
            }

            // With a writer on (Audit, UseOnly) each check counts a use: walk the consents round-robin so none passes max_uses (100).
            // The no-op counts nothing, so any consent will do.
            var n = _h1s.Length;
            var index = mode is AuditMode.Audit or AuditMode.UseOnly ? (int)(Interlocked.Increment(ref _slot) % n) : (int)(((long)worker * 7919 + i) % n);
            var request = new CheckRequest
            {
                ConsentId = scenario.Consents[index].ConsentId,
                H1 = _h1s[index],
                Purpose = Purpose.DatingSafety,
                RequestId = Guid.NewGuid().ToString(),
            };
            await _checks.CheckAsync(request, cancellationToken: cancellationToken);
            return true;
        }
        catch (RpcException)
        {
            return false;
        }
    }

    /// <summary>The 1-minute load average at the end of the window (Linux), to show how shared the machine was.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];

    /// <summary>How many audited checks the consents allow before one would be used up.</summary>
    public long AuditedCapacity => (long)_h1s.Length * 100;

    public long AuditedChecksSoFar => Interlocked.Read(ref _slot);
}
