using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Registry.Service.Audit;
using Registry.Service.Checks;
using Registry.Service.Infrastructure;
using Registry.Service.Partners;

namespace Registry.Bench.Load;

/// <summary>
/// The service's own view of a run, read from its meter ("Registry.Service", this host's instruments only) with a
/// <see cref="MeterListener"/> over the measured window: checks by outcome, the audit batches' mean size, the writer's
/// largest queue (the depth gauge polled every 50 ms), the key cache's hit rate, and the p50/p99 of the check latency
/// the service recorded (exact, from the raw measurements, not interpolated from the histogram's buckets).
/// </summary>
public sealed class ServiceView : IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _checks = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<double> _latencies = new();
    private long _batches;
    private long _batchEntries;
    private long _hits;
    private long _lookups;
    private int _queueMax;
    private long _from = long.MaxValue;
    private long _to = long.MinValue;

    public ServiceView(BenchHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var scope = host.Services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == RegistryMeter.Name && ReferenceEquals(instrument.Meter.Scope, scope) && Watched(instrument.Name))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>(OnLong);
        _listener.SetMeasurementEventCallback<int>(OnInt);
        _listener.SetMeasurementEventCallback<double>(OnDouble);
        _listener.Start();
    }

    /// <summary>Counts what the service records from <paramref name="from"/> to <paramref name="to"/> (Stopwatch timestamps) and returns it.</summary>
    public async Task<Reading> ReadAsync(long from, long to, CancellationToken cancellationToken)
    {
        Reset(from, to);
        using var timer = new PeriodicTimer(PollInterval);
        while (Stopwatch.GetTimestamp() < to && await timer.WaitForNextTickAsync(cancellationToken))
        {
            _listener.RecordObservableInstruments();
        }

        var latencies = _latencies.Order().ToArray();
        return new Reading(
            new Dictionary<string, long>(_checks, StringComparer.Ordinal),
            _batches == 0 ? double.NaN : (double)_batchEntries / _batches,
            _queueMax,
            _lookups == 0 ? double.NaN : (double)_hits / _lookups,
            Percentile(latencies, 0.50) * 1000,
            Percentile(latencies, 0.99) * 1000);
    }

    public void Dispose() => _listener.Dispose();

    private static bool Watched(string name) => name is CheckMetrics.ChecksName or CheckMetrics.DurationName or AuditMetrics.BatchSizeName
        or AuditMetrics.QueueDepthName or AuthenticationMetrics.KeyCacheLookupsName;

    private void Reset(long from, long to)
    {
        _to = long.MinValue;
        _checks.Clear();
        _latencies.Clear();
        (_batches, _batchEntries, _hits, _lookups, _queueMax) = (0, 0, 0, 0, 0);
        _from = from;
        _to = to;
    }

    private bool InWindow()
    {
        var now = Stopwatch.GetTimestamp();
        return now >= _from && now < _to;
    }

    private void OnLong(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        if (!InWindow())
        {
            return;
        }

        if (instrument.Name == CheckMetrics.ChecksName)
        {
            _checks.AddOrUpdate(Tag(tags, CheckMetrics.OutcomeTag) + (Tag(tags, CheckMetrics.ReasonTag) is { Length: > 0 } reason ? "/" + reason : ""), value, (_, sum) => sum + value);
        }
        else if (instrument.Name == AuthenticationMetrics.KeyCacheLookupsName)
        {
            Interlocked.Add(ref _lookups, value);
            if (Tag(tags, "result") == AuthenticationMetrics.Hit)
            {
                Interlocked.Add(ref _hits, value);
            }
        }
    }

    private void OnInt(Instrument instrument, int value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        if (!InWindow())
        {
            return;
        }

        if (instrument.Name == AuditMetrics.BatchSizeName)
        {
            Interlocked.Increment(ref _batches);
            Interlocked.Add(ref _batchEntries, value);
        }
        else if (instrument.Name == AuditMetrics.QueueDepthName)
        {
            var max = _queueMax;
            while (value > max && Interlocked.CompareExchange(ref _queueMax, value, max) != max)
            {
                max = _queueMax;
            }
        }
    }

    private void OnDouble(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        if (instrument.Name == CheckMetrics.DurationName && InWindow())
        {
            _latencies.Enqueue(value);
        }
    }

    private static string Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string key)
    {
        foreach (var (k, v) in tags)
        {
            if (k == key)
            {
                return v?.ToString() ?? "";
            }
        }

        return "";
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];

    /// <summary>What the service recorded over one window.</summary>
    public sealed record Reading(
        IReadOnlyDictionary<string, long> Checks, double MeanBatchSize, int QueueDepthMax, double KeyCacheHitRate, double CheckP50Ms, double CheckP99Ms)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"service view: checks {(Checks.Count == 0 ? "none" : string.Join(" ", Checks.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}={c.Value}")))}  mean batch {MeanBatchSize:F1}  queue max {QueueDepthMax}  key cache hits {KeyCacheHitRate:P1}  check p50 {CheckP50Ms:F2} ms  p99 {CheckP99Ms:F2} ms (as the service measured)");
    }
}
