using System.Diagnostics;

namespace Registry.Service.Import;

/// <summary>One import batch being timed and traced (<see cref="ImportMetrics.StartBatch"/>): committed, or failed if disposed first.</summary>
internal sealed class ImportBatchTiming(ImportMetrics metrics, long started, Activity? activity) : IDisposable
{
    private bool _done;

    public void Committed(ImportBatchCounts counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        _done = true;
        metrics.BatchDone(started, counts);
        activity?.SetTag("registry.import.outcome", "committed");
    }

    public void Dispose()
    {
        if (!_done)
        {
            _done = true;
            metrics.BatchDone(started, null);
            activity?.SetTag("registry.import.outcome", "failed");
        }

        activity?.Dispose();
    }
}
