using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Registry.Service.Infrastructure;

namespace Registry.Service.Audit;

/// <summary>
/// The access log writer: callers queue their entry (and its change) on a bounded channel; one writer loop
/// per process commits whatever has queued as one transaction, then releases each caller with its receipt.
/// </summary>
/// <remarks>
/// Batches fill by themselves: while one commit syncs (≈0.5 ms on SQLite with synchronous=FULL) the next
/// callers queue, and the writer takes all of them at once. Once queued, an entry is written whatever
/// happens to its caller: the caller's cancellation only stops the wait, so an entry and its change are
/// committed together or not at all, never half. On shutdown the queue is closed and drained.
/// </remarks>
public sealed partial class GroupCommitAuditLog : IAuditLog, IHostedService, IAsyncDisposable
{
    private readonly Channel<AuditWriteRequest> _queue;
    private readonly AuditBatchWriter _writer;
    private readonly AuditOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<GroupCommitAuditLog> _logger;
    private Task? _loop;

    public GroupCommitAuditLog(
        IDbContextFactory<RegistryDbContext> contextFactory,
        IOptions<AuditOptions> options,
        TimeProvider timeProvider,
        ILogger<GroupCommitAuditLog> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
        _writer = new AuditBatchWriter(contextFactory, timeProvider);
        _queue = Channel.CreateBounded<AuditWriteRequest>(new BoundedChannelOptions(_options.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public async Task<AuditReceipt> AppendAsync(AuditRecord record, AuditedChange? change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var request = new AuditWriteRequest(record, change);
        try
        {
            await _queue.Writer.WriteAsync(request, cancellationToken);
        }
        catch (ChannelClosedException ex)
        {
            throw RegistryErrors.AuditUnavailable(ex);
        }

        EnsureStarted();
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
        if (_loop is { } loop)
        {
            await loop.WaitAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None);

    private void EnsureStarted()
    {
        if (_loop is null)
        {
            lock (_queue)
            {
                _loop ??= Task.Run(RunAsync);
            }
        }
    }

    private async Task RunAsync()
    {
        var batch = new List<AuditWriteRequest>(_options.MaxBatchSize);
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync())
        {
            while (batch.Count < _options.MaxBatchSize && reader.TryRead(out var request))
            {
                batch.Add(request);
            }

            if (batch.Count < _options.MaxBatchSize && _options.MaxBatchWait > TimeSpan.Zero)
            {
                await LingerAsync(reader, batch);
            }

            await CommitAsync(batch);
            batch.Clear();
        }
    }

    private async Task LingerAsync(ChannelReader<AuditWriteRequest> reader, List<AuditWriteRequest> batch)
    {
        using var timeout = new CancellationTokenSource(_options.MaxBatchWait, _timeProvider);
        try
        {
            while (batch.Count < _options.MaxBatchSize && await reader.WaitToReadAsync(timeout.Token))
            {
                while (batch.Count < _options.MaxBatchSize && reader.TryRead(out var request))
                {
                    batch.Add(request);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The wait is over; commit what there is.
        }
    }

    private async Task CommitAsync(List<AuditWriteRequest> batch)
    {
        try
        {
            // CancellationToken.None: a queued entry is committed or failed, never abandoned half-way.
            await _writer.WriteAsync(batch, CancellationToken.None);
            foreach (var request in batch)
            {
                request.Complete();
            }

            LogBatchCommitted(_logger, batch.Count);
        }
        catch (Exception ex)
        {
            LogBatchFailed(_logger, batch.Count, ex.GetType().Name);
            var failure = RegistryErrors.AuditUnavailable(ex);
            foreach (var request in batch)
            {
                request.Fail(failure);
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
