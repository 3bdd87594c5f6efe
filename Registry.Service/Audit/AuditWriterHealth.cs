namespace Registry.Service.Audit;

/// <summary>
/// What the audit writer last did: whether a batch is committing and since when, and how many batches in a row have
/// failed. The writer records it; the audit health check reads it (a lock-free snapshot, no database access).
/// </summary>
public sealed class AuditWriterHealth(TimeProvider timeProvider)
{
    private readonly Lock _lock = new();
    private AuditWriterStatus _status = AuditWriterStatus.Writable;

    public AuditWriterStatus Status
    {
        get
        {
            lock (_lock)
            {
                return _status;
            }
        }
    }

    public void BatchStarting()
    {
        var now = timeProvider.GetUtcNow();
        lock (_lock)
        {
            _status = _status with { CommittingSince = now };
        }
    }

    public void BatchCommitted()
    {
        lock (_lock)
        {
            _status = AuditWriterStatus.Writable;
        }
    }

    /// <param name="cause">The exception's type name (never its message: it may hold SQL or values).</param>
    public void BatchFailed(string cause)
    {
        var now = timeProvider.GetUtcNow();
        lock (_lock)
        {
            _status = new AuditWriterStatus(null, _status.FailedBatches + 1, _status.FailingSince ?? now, cause);
        }
    }
}
