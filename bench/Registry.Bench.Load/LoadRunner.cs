using System.Diagnostics;
using Google.Protobuf;
using Grpc.Core;
using Registry.Protos.V1;

namespace Registry.Bench.Load;

/// <summary>
/// Keeps <c>concurrency</c> calls in flight for a warm-up and then a measured window, and reports the calls
/// completed in the window, their rate and latency percentiles. Stops by itself.
/// </summary>
public sealed class LoadRunner(BenchHost host, BenchScenario scenario, int concurrency, ServiceView? view = null)
{
    private readonly CheckService.CheckServiceClient _checks = new(BenchChannel.Create(host.Address, scenario.PartnerKey));
    private readonly AuditService.AuditServiceClient _auditor = new(BenchChannel.Create(host.Address, scenario.AuditorKey));
    private readonly Pool _any = new(scenario.Consents);
    private readonly Pool _found = new(scenario.Found);
    private readonly Pool _noRecord = new(scenario.NoRecord);
    private readonly ByteString[] _h1s = scenario.Consents.Select(c => ByteString.CopyFrom(c.H1)).ToArray();
    private long _slot;

    public async Task<RunResult> RunAsync(LoadCase loadCase, int repetition, TimeSpan warmUp, TimeSpan window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(loadCase);
        var mode = loadCase.Mode;
        host.AuditLog.Mode = mode;
        var measureFrom = Stopwatch.GetTimestamp() + (long)(warmUp.TotalSeconds * Stopwatch.Frequency);
        var measureTo = measureFrom + (long)(window.TotalSeconds * Stopwatch.Frequency);
        host.Batches.Reset();
        var workers = Enumerable.Range(0, concurrency).Select(w => WorkAsync(loadCase, w, measureFrom, measureTo, cancellationToken)).ToArray();
        var cpu = CpuDuringAsync(measureFrom, measureTo, cancellationToken);
        var service = view?.ReadAsync(measureFrom, measureTo, cancellationToken);
        var perWorker = await Task.WhenAll(workers);
        var (cpuTime, allocated, rss) = await cpu;
        var serviceReading = service is null ? null : await service;
        var batches = host.Batches.Reset();
        var latencies = perWorker.SelectMany(w => w.Latencies).Order().ToArray();
        var errors = perWorker.Sum(w => w.Errors);
        var calls = latencies.Length;
        return new RunResult(loadCase, repetition, calls, errors, calls / window.TotalSeconds,
            calls == 0 ? double.NaN : latencies.Average(), Percentile(latencies, 0.50), Percentile(latencies, 0.99), batches, LoadAverage(),
            cpuTime.TotalSeconds / window.TotalSeconds, calls == 0 ? double.NaN : cpuTime.TotalMilliseconds / calls,
            calls == 0 ? double.NaN : (double)allocated / calls, rss / 1e6)
        {
            Service = serviceReading,
        };
    }

    /// <summary>
    /// The process's CPU time and allocated bytes (every thread: server, client, writer, JIT, GC) over the measured
    /// window, so that a run shows the CPU per call and how much of the 2 cores sat idle; and the RSS at its end.
    /// </summary>
    private static async Task<(TimeSpan Cpu, long Allocated, long Rss)> CpuDuringAsync(long measureFrom, long measureTo, CancellationToken cancellationToken)
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        await Task.Delay(Until(measureFrom), cancellationToken);
        process.Refresh();
        var start = process.TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes(precise: false);
        await Task.Delay(Until(measureTo), cancellationToken);
        process.Refresh();
        return (process.TotalProcessorTime - start, GC.GetTotalAllocatedBytes(precise: false) - allocated, process.WorkingSet64);

        static TimeSpan Until(long timestamp)
        {
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), timestamp);
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
    }

    private async Task<(List<double> Latencies, long Errors)> WorkAsync(LoadCase loadCase, int worker, long measureFrom, long measureTo, CancellationToken cancellationToken)
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

            var ok = await CallAsync(loadCase, worker, i++, cancellationToken);
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

    private async Task<bool> CallAsync(LoadCase loadCase, int worker, int i, CancellationToken cancellationToken)
    {
        var mode = loadCase.Mode;
        try
        {
            if (mode == AuditMode.Echo)
            {
                await _auditor.GetPublicKeyAsync(new GetPublicKeyRequest(), cancellationToken: cancellationToken);
                return true;
            }

            if (loadCase.Check != CheckCase.Any)
            {
                return await SeededCheckAsync(loadCase.Check, cancellationToken);
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

    /// <summary>A check of a seeded case; a call counts only with the expected answer (a refusal for <see cref="CheckCase.Refused"/>).</summary>
    private async Task<bool> SeededCheckAsync(CheckCase check, CancellationToken cancellationToken)
    {
        var pool = check switch { CheckCase.Found => _found, CheckCase.NoRecord => _noRecord, _ => _any };
        var (consentId, h1) = pool.Next();
        var request = new CheckRequest
        {
            ConsentId = check == CheckCase.Refused ? "c_unknown-" + consentId[2..] : consentId,
            H1 = h1,
            Purpose = Purpose.DatingSafety,
            RequestId = Guid.NewGuid().ToString(),
        };
        try
        {
            var response = await _checks.CheckAsync(request, cancellationToken: cancellationToken);
            return response.Outcome == (check == CheckCase.Found ? CheckOutcome.RecordFound : CheckOutcome.NoRecord) && check != CheckCase.Refused;
        }
        catch (RpcException ex) when (check == CheckCase.Refused && ex.StatusCode == StatusCode.PermissionDenied)
        {
            return true;
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

    /// <summary>Consents handed out round-robin, so that none passes max_uses (100) before all have been used.</summary>
    private sealed class Pool(IReadOnlyList<(string ConsentId, byte[] H1)> consents)
    {
        private readonly (string ConsentId, ByteString H1)[] _items = consents.Select(c => (c.ConsentId, ByteString.CopyFrom(c.H1))).ToArray();
        private long _next = -1;

        public (string ConsentId, ByteString H1) Next() =>
            _items.Length == 0 ? throw new InvalidOperationException("This scenario has no consents for the case.") : _items[Interlocked.Increment(ref _next) % _items.Length];
    }
}
