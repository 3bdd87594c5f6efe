using System.Diagnostics.Metrics;
using Registry.Service.Infrastructure;

namespace Registry.Service.Import;

/// <summary>
/// The import instruments, on the service's meter (<see cref="RegistryMeter"/>): rows applied by result (so rows/s is the
/// counter's rate) and the time from queueing a batch on the audit writer to its commit; and the batch's span. Dry runs
/// write nothing and are not counted.
/// </summary>
public sealed class ImportMetrics
{
    public const string RowsName = "registry.import.rows";
    public const string BatchDurationName = "registry.import.batch.duration";
    public const string BatchSpan = "registry.import.batch";

    private readonly Counter<long> _rows;
    private readonly Histogram<double> _batchDuration;
    private readonly TimeProvider _timeProvider;
    private readonly RegistryActivitySource _tracing;

    public ImportMetrics(IMeterFactory meterFactory, TimeProvider timeProvider, RegistryActivitySource tracing)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _timeProvider = timeProvider;
        _tracing = tracing;
        var meter = meterFactory.Create(RegistryMeter.Name);
        _rows = meter.CreateCounter<long>(RowsName, "{row}", "Import rows applied, by result: inserted, updated, unchanged, rejected.");
        _batchDuration = meter.CreateHistogram(BatchDurationName, "s",
            "Time from an import batch being queued on the audit writer to its commit (its rows, job counts and audit entry in one transaction), by outcome.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = RegistryMeter.LatencyBuckets });
    }

    /// <summary>Starts timing (and tracing) one batch of <paramref name="rows"/> rows; dispose it when the batch is done.</summary>
    internal ImportBatchTiming StartBatch(int rows)
    {
        var activity = _tracing.Start(BatchSpan);
        activity?.SetTag("registry.import.rows", rows);
        return new ImportBatchTiming(this, _timeProvider.GetTimestamp(), activity);
    }

    internal void BatchDone(long started, ImportBatchCounts? counts)
    {
        var elapsed = _timeProvider.GetElapsedTime(started).TotalSeconds;
        _batchDuration.Record(elapsed, new KeyValuePair<string, object?>("outcome", counts is null ? "failed" : "committed"));
        if (counts is null)
        {
            return;
        }

        Add("inserted", counts.Inserted);
        Add("updated", counts.Updated);
        Add("unchanged", counts.Unchanged);
        Add("rejected", counts.Rejections.Count);
    }

    private void Add(string result, int rows)
    {
        if (rows > 0)
        {
            _rows.Add(rows, new KeyValuePair<string, object?>("result", result));
        }
    }
}
