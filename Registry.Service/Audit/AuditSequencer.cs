using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Registry.Service.Infrastructure;

namespace Registry.Service.Audit;

/// <summary>
/// Runs on every replica; the one holding the sequencer lease renews it, numbers the entries written unsequenced
/// and signs a checkpoint of the log every <see cref="AuditOptions.SequencerInterval"/>, while its audit writer
/// numbers its own entries as it commits them (<see cref="AuditSequencingState"/>). The others write their
/// entries unsequenced, keep trying, and take over once the holder's lease expires. Each cycle is a step of the audit
/// writer's next transaction (<see cref="AuditBatchWriter"/>), never a transaction beside it.
/// </summary>
public sealed partial class AuditSequencer(
    IDbContextFactory<RegistryDbContext> contextFactory,
    GroupCommitAuditLog writer,
    IOptions<AuditOptions> options,
    TimeProvider timeProvider,
    ILogger<AuditSequencer> logger,
    AuditMetrics metrics) : BackgroundService
{
    private bool _isHolder;

    /// <summary>This replica's lease holder id: unique per process.</summary>
    public string HolderId { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>
    /// Runs one cycle now (the timer calls this; tests may too): sequences everything pending, in steps of at most
    /// <see cref="AuditOptions.SequencerBatchSize"/> entries, each in one of the writer's transactions and ending in a
    /// signed checkpoint.
    /// </summary>
    /// <remarks>
    /// Small steps keep each of the writer's transactions short, so the calls waiting on it are not stalled behind one
    /// long sweep of another replica's entries.
    /// </remarks>
    public async Task<SequencingResult> SequenceOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            var total = 0;
            DateTime? oldestPendingAt = null;
            SequencingResult result;
            do
            {
                result = await writer.SequenceAsync(HolderId, cancellationToken);
                total += result.Sequenced;
                oldestPendingAt ??= result.OldestPendingAt; // the first step takes the oldest entries
            }
            while (result.IsHolder && result.Problem is null && result.Sequenced == options.Value.SequencerBatchSize);

            metrics.Cycle(result, total, oldestPendingAt);

            if (result.IsHolder != _isHolder)
            {
                _isHolder = result.IsHolder;
                LogLeaseChanged(logger, HolderId, result.IsHolder);
            }

            if (result.Problem is { } problem)
            {
                LogRefused(logger, problem);
            }
            else if (result.IsHolder)
            {
                if (total > 0)
                {
                    LogSequenced(logger, total, result.Frontier!.Size);
                }

                // The writer's commits grow the WAL whether or not anything was pending here.
                await CheckpointWalAsync(cancellationToken);
            }

            return result with { Sequenced = total };
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            metrics.CycleFailed(); // the writer forgot what it knew of the log: the next cycle re-reads it
            throw;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SequencerInterval, timeProvider);
        while (await WaitAsync(timer, stoppingToken))
        {
            try
            {
                await SequenceOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A busy or unreachable database: try again next tick (the lease simply lapses if this persists).
                LogCycleFailed(logger, ex.GetType().Name);
            }
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>
    /// On SQLite, copies the WAL into the database once a cycle, here rather than in the writer's commits
    /// (<see cref="AuditBatchWriter"/>), on a connection of its own: a PASSIVE checkpoint never blocks the writer or the
    /// readers. Then the writer starts the WAL over (<see cref="GroupCommitAuditLog.StartWalOverAsync"/>): a busy writer
    /// appends new frames during the copy, and SQLite starts a WAL over only once all of it has been copied.
    /// </summary>
    /// <remarks>
    /// A checkpoint that fails (a disk fault, a database locked beyond the busy timeout) is logged as what it is and does not
    /// fail the cycle, whose numbering and signature are already committed; the next cycle checkpoints again.
    /// </remarks>
    private async Task CheckpointWalAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            if (db.Database.IsSqlite() && await PassiveCheckpointAsync(db, cancellationToken) >= options.Value.WalRestartFrames)
            {
                await writer.StartWalOverAsync(cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogCheckpointFailed(logger, ex.GetType().Name);
        }
    }

    /// <summary>Runs a PASSIVE checkpoint; returns how many frames the WAL holds (the second column of its one row).</summary>
    private static async Task<long> PassiveCheckpointAsync(RegistryDbContext db, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? reader.GetInt64(1) : 0;
    }

    [LoggerMessage(EventId = 1510, EventName = nameof(LogSequenced), Level = LogLevel.Debug,
        Message = "Sequenced {Count} audit entries; the log now has {TreeSize}")]
    private static partial void LogSequenced(ILogger logger, int count, long treeSize);

    [LoggerMessage(EventId = 1511, EventName = nameof(LogLeaseChanged), Level = LogLevel.Information,
        Message = "Sequencer {HolderId} holds the lease: {IsHolder}")]
    private static partial void LogLeaseChanged(ILogger logger, string holderId, bool isHolder);

    [LoggerMessage(EventId = 1512, EventName = nameof(LogRefused), Level = LogLevel.Critical,
        Message = "The audit log is inconsistent with its last signed checkpoint, so no checkpoint is signed: {Problem}. Run 'registry audit verify' and investigate tampering.")]
    private static partial void LogRefused(ILogger logger, string problem);

    [LoggerMessage(EventId = 1514, EventName = nameof(LogCheckpointFailed), Level = LogLevel.Warning,
        Message = "The SQLite WAL checkpoint failed ({Exception}); the audit log is unaffected and the next cycle tries again")]
    private static partial void LogCheckpointFailed(ILogger logger, string exception);

    [LoggerMessage(EventId = 1513, EventName = nameof(LogCycleFailed), Level = LogLevel.Warning,
        Message = "A sequencing cycle failed ({Exception}); retrying at the next tick")]
    private static partial void LogCycleFailed(ILogger logger, string exception);
}
