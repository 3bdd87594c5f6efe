using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Registry.Service.Infrastructure;

namespace Registry.Service.Audit;

/// <summary>
/// The access log's instruments, on the service's meter (<see cref="RegistryMeter"/>): the group-commit writer's queue,
/// its batches and their commit time, and the sequencer's lease, cycles and lag. The gauges read state the writer and
/// the sequencer keep anyway (the queue's count, the last cycle's reading): a scrape never queries the database.
/// </summary>
public sealed class AuditMetrics
{
    public const string QueueDepthName = "registry.audit.queue.depth";
    public const string BatchSizeName = "registry.audit.batch.size";
    public const string BatchDurationName = "registry.audit.batch.duration";
    public const string LeaseHeldName = "registry.audit.sequencer.lease_held";
    public const string CyclesName = "registry.audit.sequencer.cycles";
    public const string PendingName = "registry.audit.sequencer.pending";
    public const string LagName = "registry.audit.sequencer.lag";

    private static readonly int[] BatchSizeBuckets = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 10_000];

    private readonly Histogram<int> _batchSize;
    private readonly Histogram<double> _batchDuration;
    private readonly Counter<long> _cycles;
    private readonly TimeProvider _timeProvider;
    private Func<int>? _queueDepth;
    private volatile SequencerReading? _sequencer;

    public AuditMetrics(IMeterFactory meterFactory, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _timeProvider = timeProvider;
        var meter = meterFactory.Create(RegistryMeter.Name);
        meter.CreateObservableGauge(QueueDepthName, ObserveQueue, "{entry}",
            "Entries queued for the audit writer and not yet taken into a batch (Registry:Audit:QueueCapacity holds callers back when full).");
        _batchSize = meter.CreateHistogram<int>(BatchSizeName, "{entry}", "Entries per audit batch the writer committed (or failed to commit), by outcome.",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = BatchSizeBuckets });
        _batchDuration = meter.CreateHistogram(BatchDurationName, "s",
            "Time to write and commit one audit batch (one synced transaction), by outcome (committed, failed).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = RegistryMeter.LatencyBuckets });
        meter.CreateObservableGauge(LeaseHeldName, () => _sequencer?.IsHolder == true ? 1 : 0, "{lease}",
            "1 while this replica holds the audit sequencer lease, else 0; across replicas the sum should be 1.");
        _cycles = meter.CreateCounter<long>(CyclesName, "{cycle}",
            "Sequencing cycles run, by result: held (this replica sequenced and signed), not_holder, refused (the log does not match its checkpoint), failed.");
        meter.CreateObservableGauge(PendingName, ObservePending, "{entry}",
            "Entries the lease holder's last cycle found written but not yet sequenced (by other replicas, or while no lease was held).");
        meter.CreateObservableGauge(LagName, ObserveLag, "s",
            "Age of the oldest unsequenced entry when the lease holder's last cycle numbered it (0 when none was pending).");
    }

    /// <summary>The writer's queue, read by the depth gauge at each collection.</summary>
    internal void TrackQueue(ChannelReader<AuditWriterItem> queue) => _queueDepth = () => queue.Count;

    internal long Start() => _timeProvider.GetTimestamp();

    internal void BatchWritten(long started, int entries, bool committed)
    {
        var tag = new KeyValuePair<string, object?>("outcome", committed ? "committed" : "failed");
        _batchSize.Record(entries, tag);
        _batchDuration.Record(_timeProvider.GetElapsedTime(started).TotalSeconds, tag);
    }

    /// <summary>Records what one cycle did: its result and, on the holder, what it found pending.</summary>
    internal void Cycle(SequencingResult result, int pending, DateTime? oldestPendingAt)
    {
        ArgumentNullException.ThrowIfNull(result);
        var name = !result.IsHolder ? "not_holder" : result.Problem is null ? "held" : "refused";
        _cycles.Add(1, new KeyValuePair<string, object?>("result", name));
        var lag = oldestPendingAt is { } oldest ? Math.Max(0, (_timeProvider.GetUtcNow().UtcDateTime - oldest).TotalSeconds) : 0;
        _sequencer = new SequencerReading(result.IsHolder, pending, lag);
    }

    internal void CycleFailed()
    {
        _cycles.Add(1, new KeyValuePair<string, object?>("result", "failed"));
        _sequencer = _sequencer is { } last ? last with { IsHolder = false } : null;
    }

    private IEnumerable<Measurement<int>> ObserveQueue() =>
        _queueDepth is { } depth ? [new Measurement<int>(depth())] : [];

    private IEnumerable<Measurement<long>> ObservePending() =>
        _sequencer is { IsHolder: true } reading ? [new Measurement<long>(reading.Pending)] : [];

    private IEnumerable<Measurement<double>> ObserveLag() =>
        _sequencer is { IsHolder: true } reading ? [new Measurement<double>(reading.LagSeconds)] : [];

    private sealed record SequencerReading(bool IsHolder, long Pending, double LagSeconds);
}
