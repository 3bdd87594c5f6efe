namespace Registry.Service.Audit;

/// <summary>What waits in the audit writer's queue: a caller's entry, a sequencing cycle of this replica, or a WAL restart.</summary>
internal abstract class AuditWriterItem
{
    /// <summary>Fails the item's caller: its batch could not be committed.</summary>
    public abstract void Fail(Exception exception);
}

/// <summary>One caller's entry waiting in the group-commit queue, and the promise its caller awaits.</summary>
internal sealed class AuditWriteRequest(AuditRecord record, AuditedChange? change, IPreparedChange? prepared = null) : AuditWriterItem
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

    /// <summary>The prepared change withdrew the call (<see cref="IPreparedChange.Withdrawn"/>): it gets no entry.</summary>
    public bool Withdrawn { get; private set; }

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
            _completion.TrySetResult(Withdrawn ? AuditReceipt.WithdrawnReceipt : new AuditReceipt(Entry!.Id, Refusal));
        }
    }

    public override void Fail(Exception exception) => _completion.TrySetException(exception);

    /// <summary>Forgets the outcome of an attempt that was rolled back, before the batch is written again.</summary>
    public void Reset()
    {
        Entry = null;
        Refusal = null;
        Withdrawn = false;
        Failure = null;
    }

    /// <summary>Applies the prepared change; true when it stays in the batch with an entry, false when it withdrew the call.</summary>
    public bool ApplyPrepared(Infrastructure.PreparedCommands commands, System.Data.Common.DbTransaction transaction)
    {
        Refusal = Prepared!.Apply(commands, transaction);
        if (Refusal == IPreparedChange.Withdrawn)
        {
            Refusal = null;
            Withdrawn = true;
        }

        return !Withdrawn;
    }
}

/// <summary>
/// A sequencing cycle (<see cref="AuditSequencer"/>) handed to the writer, which runs it in the transaction of the batch it
/// writes next (<see cref="AuditSequencingCycle"/>): no transaction, commit or sync of its own, and nothing to keep the
/// writer out while it runs.
/// </summary>
internal sealed class SequencingRequest(string holderId) : AuditWriterItem
{
    private readonly TaskCompletionSource<SequencingResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string HolderId { get; } = holderId;

    /// <summary>What the step did in the batch's transaction; null when it failed (<see cref="Failure"/>) or was undone.</summary>
    public SequencingStep? Step { get; set; }

    public Exception? Failure { get; set; }

    public Task<SequencingResult> Completion => _completion.Task;

    /// <summary>The batch committed: the cycle's outcome, or the failure of its own step (which the batch survived).</summary>
    public void Complete()
    {
        if (Step is { } step)
        {
            _completion.TrySetResult(step.Result);
        }
        else
        {
            _completion.TrySetException(Failure ?? new InvalidOperationException("The sequencing step did not run."));
        }
    }

    public override void Fail(Exception exception) => _completion.TrySetException(exception);

    public void Reset()
    {
        Step = null;
        Failure = null;
    }
}

/// <summary>
/// A request that the writer start SQLite's WAL over (<see cref="AuditBatchWriter.StartWalOver"/>) before its next batch;
/// completes with whether the WAL is ready to start over.
/// </summary>
internal sealed class WalRestartRequest : AuditWriterItem
{
    private readonly TaskCompletionSource<bool> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<bool> Completion => _completion.Task;

    public void Complete(bool restarted) => _completion.TrySetResult(restarted);

    public override void Fail(Exception exception) => _completion.TrySetException(exception);
}
