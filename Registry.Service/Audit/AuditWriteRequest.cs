namespace Registry.Service.Audit;

/// <summary>One caller's entry waiting in the group-commit queue, and the promise its caller awaits.</summary>
internal sealed class AuditWriteRequest(AuditRecord record, AuditedChange? change, IPreparedChange? prepared = null)
{
    // Continuations run on the thread pool, never inline on the writer: the writer must go straight back
    // to collecting the next batch instead of serialising every caller's response work behind it.
    private readonly TaskCompletionSource<AuditReceipt> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public AuditRecord Record { get; } = record;

    /// <summary>A change run through EF inside a savepoint of its own (grants, revocations, administration).</summary>
    public AuditedChange? Change { get; } = change;

    /// <summary>A change applied by the writer with a prepared command (a check's consent use).</summary>
    public IPreparedChange? Prepared { get; } = prepared;

    public AuditEntry? Entry { get; set; }

    public string? Refusal { get; set; }

    public Exception? Failure { get; set; }

    public Task<AuditReceipt> Completion => _completion.Task;

    public void Complete()
    {
        if (Failure is not null)
        {
            _completion.TrySetException(Failure);
        }
        else
        {
            _completion.TrySetResult(new AuditReceipt(Entry!.Id, Refusal));
        }
    }

    public void Fail(Exception exception) => _completion.TrySetException(exception);

    /// <summary>Forgets the outcome of an attempt that was rolled back, before the batch is written again.</summary>
    public void Reset()
    {
        Entry = null;
        Refusal = null;
        Failure = null;
    }
}
