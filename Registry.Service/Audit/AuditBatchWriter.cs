using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Registry.Client.Transparency;
using Registry.Service.Infrastructure;

namespace Registry.Service.Audit;

/// <summary>
/// Writes one batch of entries in one transaction, with each entry's change, then one (synced) commit. It keeps
/// one context, one open connection and its prepared statements from batch to batch, and runs synchronously on
/// the writer's own thread (see <see cref="GroupCommitAuditLog"/>).
/// </summary>
/// <remarks>
/// <para>
/// A batch of checks and plain entries is written straight: for each entry its prepared change (a check's
/// consent use: one prepared UPDATE) and the row (one prepared INSERT), no savepoints, no change tracking. A batch holding an EF change
/// (a grant, a revocation, an administrative change) gives each change a savepoint of its own.
/// </para>
/// <para>
/// A change that throws fails only its own caller, because one caller's bug or constraint violation must not
/// deny the other callers of the batch: in a savepoint that savepoint is rolled back; in a straight batch the
/// whole attempt is rolled back and the batch is written again with a savepoint per change. Anything that fails
/// the transaction itself (an insert, the commit, a savepoint rollback) fails every entry of the batch with
/// AUDIT_UNAVAILABLE and leaves nothing written; the connection is then dropped and opened afresh.
/// </para>
/// <para>
/// A sequencing cycle of this replica (<see cref="AuditSequencer"/>) is a step of the next batch: lease, numbering of
/// other replicas' entries and checkpoint are written in the batch's transaction, after its changes and before its
/// entries, which are then numbered on the step's frontier. So a cycle costs no commit (no sync) of its own, never keeps
/// the writer waiting, and never resets the writer's page cache with a commit from another connection.
/// </para>
/// </remarks>
internal sealed class AuditBatchWriter(
    IDbContextFactory<RegistryDbContext> contextFactory,
    AuditSequencingState sequencing,
    NoteSigner signer,
    AuditOptions options,
    TimeProvider timeProvider,
    bool recordEntries = true) : IDisposable
{
    private const string Savepoint = "audit_item";
    private const string CycleSavepoint = "audit_cycle";
    private const int WriterAutoCheckpointPages = 100_000;
    private const int WriterCacheKiB = 32 * 1024;
    private const int WalRestartBusyTimeoutMs = 5;

    private RegistryDbContext? _db;
    private PreparedCommands? _commands;
    private IAuditEntryInsert? _insert;
    private bool _numbered;

    /// <summary>
    /// Writes <paramref name="batch"/> (which may be empty) in one transaction; with <paramref name="cycle"/>, this
    /// replica's sequencing step runs in the same transaction, after the batch's changes and before its entries.
    /// </summary>
    public void Write(IReadOnlyList<AuditWriteRequest> batch, SequencingRequest? cycle = null)
    {
        ArgumentNullException.ThrowIfNull(batch);
        // Only this thread reads or extends the sequencing state: a cycle is a step of a batch, never beside one.
        try
        {
            try
            {
                WriteOnce(batch, cycle);
            }
            catch (DbException ex) when (_numbered)
            {
                // The numbered batch failed, for instance because its sequence numbers collided with rows numbered by
                // someone else (rows written into the log by hand, or another holder after a lost lease). Write it
                // unsequenced instead, nothing of the failed attempt remains; the next cycle re-reads the log.
                Reset();
                sequencing.Release();
                foreach (var request in batch)
                {
                    request.Reset();
                }

                if (cycle is not null)
                {
                    cycle.Reset();
                    cycle.Failure = ex;
                }

                WriteOnce(batch, null);
            }
        }
        catch
        {
            Reset();
            throw;
        }
    }

    public void Dispose() => Reset();

    /// <summary>
    /// On SQLite, lets the next batch start the WAL over: a RESTART checkpoint on the writer's own connection, between
    /// two batches, which copies the frames that are not yet in the database and waits at most
    /// <see cref="WalRestartBusyTimeoutMs"/> for the readers still using the WAL. True when it got that far.
    /// </summary>
    /// <remarks>
    /// The sequencer's PASSIVE checkpoint (<see cref="AuditSequencer"/>) copies the WAL off the writer's thread, but the
    /// writer appends all the while, and SQLite starts a WAL over only when a write transaction begins with all of it copied
    /// and no reader in it. Without this the WAL grew for ever (hundreds of MB), and each commit appended new blocks to the
    /// file, whose sync costs more than one over blocks already there (docs/benchmarks.md). Here the writer copies only what
    /// it wrote since that checkpoint, once a cycle; readers that begin once it is copied read the database file, so the wait
    /// is for the few that began before.
    /// </remarks>
    public bool StartWalOver()
    {
        var db = Open();
        if (!db.Database.IsSqlite())
        {
            return false;
        }

        var connection = db.Database.GetDbConnection();
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout={WalRestartBusyTimeoutMs};";
        command.ExecuteNonQuery();
        try
        {
            // One row: busy (1 when readers kept it from finishing), frames in the WAL, frames copied.
            command.CommandText = "PRAGMA wal_checkpoint(RESTART);";
            using var reader = command.ExecuteReader();
            return reader.Read() && reader.GetInt64(0) == 0;
        }
        finally
        {
            command.CommandText = $"PRAGMA busy_timeout={SqlitePragmaInterceptor.BusyTimeoutMs};";
            command.ExecuteNonQuery();
        }
    }

    private void WriteOnce(IReadOnlyList<AuditWriteRequest> batch, SequencingRequest? cycle)
    {
        _numbered = false;
        var careful = batch.Any(r => r.Change is not null);
        if (careful || !TryWriteStraight(batch, cycle))
        {
            WriteCarefully(batch, cycle);
        }
    }

    /// <summary>False when a consent use threw: the attempt was rolled back and nothing of it remains.</summary>
    private bool TryWriteStraight(IReadOnlyList<AuditWriteRequest> batch, SequencingRequest? cycle)
    {
        var db = Open();
        using var transaction = db.Database.BeginTransaction();
        var dbTransaction = transaction.GetDbTransaction();
        var now = timeProvider.GetUtcNow();
        foreach (var request in batch)
        {
            if (request.Prepared is not null)
            {
                try
                {
                    if (!request.ApplyPrepared(_commands!, dbTransaction))
                    {
                        continue; // withdrawn: its UPDATE changed nothing, so it needs no rollback
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    transaction.Rollback();
                    foreach (var item in batch)
                    {
                        item.Reset();
                    }

                    return false;
                }
            }

            request.Entry = AuditEntryFactory.Create(request.Record, request.Refusal, now, request.Prepared?.Detail);
        }

        Finish(db, transaction, batch, cycle);
        return true;
    }

    private void WriteCarefully(IReadOnlyList<AuditWriteRequest> batch, SequencingRequest? cycle)
    {
        var db = Open();
        using var transaction = db.Database.BeginTransaction();
        var now = timeProvider.GetUtcNow();
        foreach (var request in batch)
        {
            if (request.Change is not null || request.Prepared is not null)
            {
                ApplyInSavepoint(db, transaction, request);
            }

            if (request is { Failure: null, Withdrawn: false })
            {
                request.Entry = AuditEntryFactory.Create(request.Record, request.Refusal, now, request.Prepared?.Detail);
            }
        }

        Finish(db, transaction, batch, cycle);
    }

    /// <summary>The sequencing step (if any), the entries, the commit; then what they numbered becomes the writer's.</summary>
    private void Finish(RegistryDbContext db, IDbContextTransaction transaction, IReadOnlyList<AuditWriteRequest> batch, SequencingRequest? cycle)
    {
        var step = cycle is null ? null : Sequence(db, transaction, cycle);
        var numbered = Insert(batch, transaction.GetDbTransaction(), step);
        transaction.Commit();
        if (step is not null)
        {
            step.ApplyCommitted(sequencing, numbered, options.LeaseDuration);
        }
        else if (numbered is not null)
        {
            sequencing.Advance(numbered);
        }
    }

    /// <summary>
    /// Runs the sequencing step in a savepoint of the batch's transaction. A step that throws, or one whose writes must not
    /// stay (not the holder, a collision), is rolled back to the savepoint, so the batch itself is written either way; a
    /// step that throws also makes the writer forget what it knew of the log (the next cycle re-reads it).
    /// </summary>
    private SequencingStep? Sequence(RegistryDbContext db, IDbContextTransaction transaction, SequencingRequest cycle)
    {
        transaction.CreateSavepoint(CycleSavepoint);
        SequencingStep? step = null;
        try
        {
            // EF's async API completes synchronously on SQLite; on a server database this blocks only the writer's thread.
            var commands = _commands!.Get<SequencingCommands>(static c => new SequencingCommands(c));
            step = new AuditSequencingCycle(db, commands, signer, options)
                .RunAsync(cycle.HolderId, sequencing, timeProvider.GetUtcNow(), CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            sequencing.Release();
            cycle.Failure = ex;
        }

        db.ChangeTracker.Clear();
        if (step is not { Keep: true })
        {
            transaction.RollbackToSavepoint(CycleSavepoint);
        }

        transaction.ReleaseSavepoint(CycleSavepoint);
        cycle.Step = step;
        return step;
    }

    private void ApplyInSavepoint(RegistryDbContext db, IDbContextTransaction transaction, AuditWriteRequest request)
    {
        transaction.CreateSavepoint(Savepoint);
        try
        {
            if (request.Prepared is not null)
            {
                request.ApplyPrepared(_commands!, transaction.GetDbTransaction());
            }
            else
            {
                // EF changes are written async-first; on SQLite they complete synchronously, and on a server database
                // this blocks only the writer's own thread.
                request.Refusal = request.Change!(db, CancellationToken.None).GetAwaiter().GetResult();
                if (request.Refusal is null && db.ChangeTracker.HasChanges())
                {
                    db.SaveChanges();
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            request.Failure = ex is DbException or DbUpdateException ? RegistryErrors.AuditUnavailable(ex) : ex;
        }

        if (request.Refusal is not null || request.Failure is not null || request.Withdrawn)
        {
            // A refused, failed or withdrawn change writes nothing; a refused one still gets its (refused) entry.
            transaction.RollbackToSavepoint(Savepoint);
        }

        db.ChangeTracker.Clear();
        transaction.ReleaseSavepoint(Savepoint);
    }

    /// <summary>
    /// Inserts the batch's entries; while this replica holds the lease, numbers each one (sequence, leaf hash) on a
    /// copy of the frontier, which becomes the writer's only once the transaction commits. Returns that copy.
    /// </summary>
    private MerkleFrontier? Insert(IReadOnlyList<AuditWriteRequest> batch, DbTransaction transaction, SequencingStep? step)
    {
        if (!recordEntries)
        {
            return null; // the benchmark's baseline only (see GroupCommitAuditLog's internal constructor)
        }

        // Asked now, not at the batch's start: a change may have waited (on a server database, for a row lock another
        // replica holds) past this replica's numbering window, and another replica may have numbered since then. A
        // sequencing step in this transaction decides alone (it renewed the lease, or forgot the state).
        var now = timeProvider.GetUtcNow();
        var next = (step is not null ? step.NumberingFrontier(now, options.LeaseDuration) : sequencing.NumberingFrontier(now))?.Clone();
        _numbered = next is not null;
        var entries = new List<AuditEntry>(batch.Count);
        foreach (var request in batch)
        {
            if (request.Entry is { } entry)
            {
                if (next is not null)
                {
                    entry.Sequence = next.Size;
                    entry.LeafHash = AuditEntryEncoding.LeafHash(next.Size, AuditEntryMapping.ToData(entry));
                    next.Append(entry.LeafHash);
                }

                entries.Add(entry);
            }
        }

        _insert!.Execute(entries, transaction);
        return next;
    }

    private RegistryDbContext Open()
    {
        if (_db is not null)
        {
            return _db;
        }

        var db = contextFactory.CreateDbContext();
        try
        {
            db.Database.AutoSavepointsEnabled = false;
            db.Database.OpenConnection();
            var connection = db.Database.GetDbConnection();
            if (db.Database.IsSqlite())
            {
                // The sequencer checkpoints the WAL once a second, off the commit path; this connection's own
                // automatic checkpoint is only a backstop (400 MB of WAL at 4 KiB pages) should the sequencer stall: a
                // smaller one ran on the commit path during an import, which writes faster than one checkpoint a second
                // keeps up with (docs/benchmarks.md, issue 9). The writer's page cache
                // is larger than a reader's (2 MB): an import batch inserts into indexes keyed by random subject keys,
                // and with the default cache nearly every insert re-reads its index page from the OS. Since no other
                // connection's commit resets it (the sequencer's cycle is a step of the writer's own transaction) it
                // fills up: 32 MB imported as fast as 64 MB did, with a service peak ~50 MB lower.
                using var pragma = connection.CreateCommand();
                pragma.CommandText = $"PRAGMA wal_autocheckpoint={WriterAutoCheckpointPages}; PRAGMA cache_size=-{WriterCacheKiB};";
                pragma.ExecuteNonQuery();
            }

            _commands = new PreparedCommands(connection);
            // One statement for the batch's rows where a statement is a round trip (PostgreSQL), one a row elsewhere.
            // SQL Server keeps the per-row insert: no server here to prove a table-valued alternative on.
            // On SQLite the insert binds by position on the connection's own handle (SqliteAuditEntryInsert).
            _insert = _commands.Get<IAuditEntryInsert>(static c => c switch
            {
                NpgsqlConnection npgsql => new PostgresAuditEntryInsert(npgsql),
                Microsoft.Data.Sqlite.SqliteConnection sqlite => new SqliteAuditEntryInsert(sqlite),
                _ => new AuditEntryInsert(c),
            });
            _db = db;
            return db;
        }
        catch
        {
            db.Dispose();
            throw;
        }
    }

    private void Reset()
    {
        _commands?.Dispose();
        _db?.Dispose();
        _commands = null;
        _insert = null;
        _db = null;
    }
}
