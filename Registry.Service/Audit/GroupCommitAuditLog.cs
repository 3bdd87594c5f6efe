using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Registry.Client.Transparency;
using Registry.Service.Infrastructure;

namespace Registry.Service.Audit;

/// <summary>
/// The access log writer: callers queue their entry (and its change) on a bounded channel; one writer thread
/// per process commits whatever has queued as one transaction, then releases each caller with its receipt.
/// </summary>
/// <remarks>
/// <para>
/// Batches fill by themselves: while one commit syncs (≈0.5 ms on SQLite with synchronous=FULL) the next
/// callers queue, and the writer takes all of them at once. Under load (the previous batch held more than one
/// entry) it also lingers up to <see cref="AuditOptions.MaxBatchWait"/> for more, which cuts the commits, the
/// syncs and the page-cache refills they cause in the readers; an idle service commits a lone entry at once.
/// </para>
/// <para>
/// The writer is a dedicated thread, not a thread-pool task: SQLite's calls are synchronous, and a commit
/// blocks in fsync, which on the pool would take a worker away from the checks on a 2-core machine.
/// </para>
/// <para>
/// Once queued, an entry is written whatever happens to its caller: the caller's cancellation only stops the
/// wait, so an entry and its change are committed together or not at all, never half. On shutdown the queue is
/// closed and drained.
/// </para>
/// </remarks>
public sealed partial class GroupCommitAuditLog : IAuditLog, IHostedService, IAsyncDisposable
{
    private readonly Channel<AuditWriterItem> _queue;
    private readonly AuditBatchWriter _writer;
    private readonly AuditOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<GroupCommitAuditLog> _logger;
    private readonly AuditWriterHealth _health;
    private readonly AuditMetrics? _metrics;
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _startLock = new();
    private readonly SemaphoreSlim _wake = new(0);
    private int _idle;
    private Thread? _thread;

    public GroupCommitAuditLog(
        IDbContextFactory<RegistryDbContext> contextFactory,
        AuditSequencingState sequencing,
        NoteSigner signer,
        IOptions<AuditOptions> options,
        TimeProvider timeProvider,
        ILogger<GroupCommitAuditLog> logger,
        AuditWriterHealth health,
        AuditMetrics metrics)
        : this(contextFactory, sequencing, signer, options, timeProvider, logger, recordEntries: true, health, metrics)
    {
    }

    /// <summary>
    /// With <paramref name="recordEntries"/> false the writer commits the calls' changes (a check's consent use) but
    /// inserts no entry: the benchmark's "audit write replaced by a no-op" baseline (bench/Registry.Bench.Load). Not
    /// reachable from configuration: a service always records its entries.
    /// </summary>
    internal GroupCommitAuditLog(
        IDbContextFactory<RegistryDbContext> contextFactory,
        AuditSequencingState sequencing,
        NoteSigner signer,
        IOptions<AuditOptions> options,
        TimeProvider timeProvider,
        ILogger<GroupCommitAuditLog> logger,
        bool recordEntries,
        AuditWriterHealth? health = null,
        AuditMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
        _health = health ?? new AuditWriterHealth(timeProvider);
        _writer = new AuditBatchWriter(contextFactory, sequencing, signer, _options, timeProvider, recordEntries);
        _queue = Channel.CreateBounded<AuditWriterItem>(new BoundedChannelOptions(_options.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _metrics = metrics;
        metrics?.TrackQueue(_queue.Reader);
    }

    public Task<AuditReceipt> AppendAsync(AuditRecord record, AuditedChange? change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        return EnqueueAsync(new AuditWriteRequest(record, change), cancellationToken);
    }

    public Task<AuditReceipt> AppendPreparedAsync(AuditRecord record, IPreparedChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(change);
        return EnqueueAsync(new AuditWriteRequest(record, null, change), cancellationToken);
    }

    /// <summary>
    /// Runs one sequencing step of this replica (as <paramref name="holderId"/>) in the writer's next transaction, with
    /// whatever entries are written in it; the caller's cancellation only stops the wait.
    /// </summary>
    internal async Task<SequencingResult> SequenceAsync(string holderId, CancellationToken cancellationToken)
    {
        var request = new SequencingRequest(holderId);
        await EnqueueItemAsync(request, cancellationToken);
        return await request.Completion.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// On SQLite, has the writer start the WAL over between two batches, once the sequencer's checkpoint has copied most
    /// of it (<see cref="AuditBatchWriter.StartWalOver"/>); true when the next batch starts it over.
    /// </summary>
    internal async Task<bool> StartWalOverAsync(CancellationToken cancellationToken)
    {
        var request = new WalRestartRequest();
        await EnqueueItemAsync(request, cancellationToken);
        return await request.Completion.WaitAsync(cancellationToken);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        EnsureStarted();
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        _wake.Release(); // an idle writer sees the queue closed and drained, and stops
        if (_thread is not null)
        {
            await _stopped.Task.WaitAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None);

    private async Task<AuditReceipt> EnqueueAsync(AuditWriteRequest request, CancellationToken cancellationToken)
    {
        await EnqueueItemAsync(request, cancellationToken);
        return await request.Completion.WaitAsync(cancellationToken);
    }

    private async Task EnqueueItemAsync(AuditWriterItem item, CancellationToken cancellationToken)
    {
        try
        {
            await _queue.Writer.WriteAsync(item, cancellationToken);
        }
        catch (ChannelClosedException ex)
        {
            throw RegistryErrors.AuditUnavailable(ex);
        }

        EnsureStarted();
        if (Interlocked.Exchange(ref _idle, 0) == 1)
        {
            _wake.Release();
        }
    }

    private void EnsureStarted()
    {
        if (_thread is not null)
        {
            return;
        }

        lock (_startLock)
        {
            if (_thread is null)
            {
                var thread = new Thread(Run) { IsBackground = true, Name = "Registry audit writer" };
                thread.Start();
                _thread = thread;
            }
        }
    }

    private void Run()
    {
        try
        {
            var batch = new List<AuditWriteRequest>(_options.MaxBatchSize);
            var cycles = new List<SequencingRequest>();
            var restarts = new List<WalRestartRequest>();
            var reader = _queue.Reader;
            var previous = 0;
            while (WaitForItems(reader))
            {
                Drain(reader, batch, cycles, restarts);
                if (previous > 1 && batch.Count < _options.MaxBatchSize && _options.MaxBatchWait > TimeSpan.Zero)
                {
                    Linger(reader, batch, cycles, restarts);
                }

                previous = batch.Count;
                StartWalOver(restarts); // before the batch, whose first write then starts the WAL over
                if (batch.Count > 0 || cycles.Count > 0)
                {
                    Commit(batch, cycles);
                }

                batch.Clear();
                cycles.Clear();
                restarts.Clear();
            }
        }
        finally
        {
            _writer.Dispose();
            _stopped.TrySetResult();
        }
    }

    /// <summary>
    /// Blocks until something is queued (true) or the queue is closed and drained (false). The caller that queues an item
    /// wakes an idle writer itself: waiting on the channel instead would wake it through a thread-pool hop, on the path of
    /// every call when the service is not busy.
    /// </summary>
    private bool WaitForItems(ChannelReader<AuditWriterItem> reader)
    {
        while (true)
        {
            if (reader.TryPeek(out _))
            {
                return true;
            }

            Interlocked.Exchange(ref _idle, 1);
            if (reader.TryPeek(out _))
            {
                Interlocked.Exchange(ref _idle, 0);
                return true;
            }

            if (reader.Completion.IsCompleted)
            {
                return false;
            }

            _wake.Wait();
        }
    }

    private void Drain(ChannelReader<AuditWriterItem> reader, List<AuditWriteRequest> batch, List<SequencingRequest> cycles, List<WalRestartRequest> restarts)
    {
        while (batch.Count < _options.MaxBatchSize && reader.TryRead(out var item))
        {
            switch (item)
            {
                case SequencingRequest cycle:
                    cycles.Add(cycle);
                    break;
                case WalRestartRequest restart:
                    restarts.Add(restart);
                    break;
                default:
                    batch.Add((AuditWriteRequest)item);
                    break;
            }
        }
    }

    private void Linger(ChannelReader<AuditWriterItem> reader, List<AuditWriteRequest> batch, List<SequencingRequest> cycles, List<WalRestartRequest> restarts)
    {
        using var timeout = new CancellationTokenSource(_options.MaxBatchWait, _timeProvider);
        try
        {
            while (batch.Count < _options.MaxBatchSize && Wait(reader.WaitToReadAsync(timeout.Token)))
            {
                Drain(reader, batch, cycles, restarts);
            }
        }
        catch (OperationCanceledException)
        {
            // The wait is over; commit what there is.
        }
    }

    private static bool Wait(ValueTask<bool> wait) => wait.IsCompletedSuccessfully ? wait.Result : wait.AsTask().GetAwaiter().GetResult();

    /// <summary>A failed restart fails only its requests (the sequencer logs it and tries again next cycle), never a batch.</summary>
    private void StartWalOver(List<WalRestartRequest> restarts)
    {
        if (restarts.Count == 0)
        {
            return;
        }

        try
        {
            var restarted = _writer.StartWalOver();
            foreach (var restart in restarts)
            {
                restart.Complete(restarted);
            }
        }
        catch (Exception ex)
        {
            foreach (var restart in restarts)
            {
                restart.Fail(ex);
            }
        }
    }

    /// <remarks>
    /// Cycles queued together share one step (the first's): two steps in one transaction would each check the log against
    /// a state that only the commit updates.
    /// </remarks>
    private void Commit(List<AuditWriteRequest> batch, List<SequencingRequest> cycles)
    {
        // The health check reads what the writer last did: a batch that fails, or one that hangs in its commit, turns
        // health NOT_SERVING; the next one that commits turns it back.
        _health.BatchStarting();
        var started = _timeProvider.GetTimestamp();
        try
        {
            var cycle = cycles.Count > 0 ? cycles[0] : null;
            _writer.Write(batch, cycle);
            _health.BatchCommitted();
            if (batch.Count > 0)
            {
                _metrics?.BatchWritten(started, batch.Count, committed: true); // entries per batch: a cycle alone is none
            }

            foreach (var request in batch)
            {
                request.Complete();
            }

            foreach (var other in cycles)
            {
                other.Step = cycle!.Step;
                other.Failure = cycle.Failure;
                other.Complete();
            }

            LogBatchCommitted(_logger, batch.Count);
        }
        catch (Exception ex)
        {
            _health.BatchFailed(ex.GetType().Name);
            _metrics?.BatchWritten(started, batch.Count, committed: false);
            LogBatchFailed(_logger, batch.Count, ex.GetType().Name);
            var failure = RegistryErrors.AuditUnavailable(ex);
            foreach (var request in batch)
            {
                request.Fail(failure);
            }

            foreach (var cycle in cycles)
            {
                cycle.Fail(failure);
            }
        }
    }

    [LoggerMessage(EventId = 1502, EventName = nameof(LogBatchCommitted), Level = LogLevel.Trace,
        Message = "Committed an audit batch of {Count} entries")]
    private static partial void LogBatchCommitted(ILogger logger, int count);

    [LoggerMessage(EventId = 1503, EventName = nameof(LogBatchFailed), Level = LogLevel.Error,
        Message = "An audit batch of {Count} entries could not be committed ({Exception}); every call in it fails closed")]
    private static partial void LogBatchFailed(ILogger logger, int count, string exception);
}
