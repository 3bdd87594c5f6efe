using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Registry.Service.Tests.Infrastructure;

/// <summary>The faults <see cref="DatabaseFaults"/> injects.</summary>
public enum DatabaseFault
{
    None,

    /// <summary>Every commit fails with SQLite's I/O error (SQLITE_IOERR), before anything is committed.</summary>
    FailingCommits,

    /// <summary>Every commit hangs until <see cref="DatabaseFaults.Clear"/>: a database that is slow rather than down.</summary>
    HangingCommits,

    /// <summary>The database refuses every write (SQLite's <c>query_only</c>: SQLITE_READONLY, as a read-only file does).</summary>
    ReadOnly,

    /// <summary>
    /// The database cannot grow (<c>max_page_count</c> pinned to the current size: SQLITE_FULL as on a full disk,
    /// for the first write that needs a new page).
    /// </summary>
    Full,
}

/// <summary>
/// Injects faults into the real pipeline's database work: a transaction interceptor the test registers
/// (<see cref="Register"/>), acting on every transaction the service begins or commits (the audit writer, the
/// sequencer, EF saves) on the service's own connections.
/// </summary>
public sealed class DatabaseFaults : DbTransactionInterceptor
{
    private const int SqliteIoErr = 10;
    private const long Unlimited = 1_073_741_823;

    private readonly Lock _lock = new();
    private DatabaseFault _fault;
    private TaskCompletionSource _released = NewReleased();
    private int _held;

    public DatabaseFault Fault
    {
        get
        {
            lock (_lock)
            {
                return _fault;
            }
        }
    }

    /// <summary>Commits that have reached the interceptor while <see cref="DatabaseFault.HangingCommits"/> holds them.</summary>
    public int HeldCommits => Volatile.Read(ref _held);

    public void Register(IServiceCollection services) => services.AddSingleton<IInterceptor>(this);

    public void Inject(DatabaseFault fault)
    {
        lock (_lock)
        {
            _fault = fault;
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _fault = DatabaseFault.None;
            _released.TrySetResult();
            _released = NewReleased();
        }
    }

    public override InterceptionResult<DbTransaction> TransactionStarting(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        Apply(connection);
        return result;
    }

    public override ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result,
        CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
    {
        BeforeCommit()?.GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<InterceptionResult> TransactionCommittingAsync(
        DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        if (BeforeCommit() is { } hold)
        {
            await hold;
        }

        return result;
    }

    /// <summary>Throws for a failing commit; returns the task a held commit waits on.</summary>
    private Task<int>? BeforeCommit()
    {
        Task hold;
        lock (_lock)
        {
            switch (_fault)
            {
                case DatabaseFault.FailingCommits:
                    throw new SqliteException("disk I/O error (injected by the test)", SqliteIoErr);
                case DatabaseFault.HangingCommits:
                    hold = _released.Task;
                    break;
                default:
                    return null;
            }
        }

        Interlocked.Increment(ref _held);
        return hold.ContinueWith(_ => Interlocked.Decrement(ref _held), TaskScheduler.Default);
    }

    /// <summary>Sets this connection's query_only and max_page_count to what the current fault wants, before BEGIN.</summary>
    private void Apply(DbConnection connection)
    {
        var fault = Fault;
        using var command = connection.CreateCommand();
        var maxPages = Unlimited;
        if (fault == DatabaseFault.Full)
        {
            command.CommandText = "PRAGMA page_count";
            maxPages = Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }

        command.CommandText = $"PRAGMA query_only={(fault == DatabaseFault.ReadOnly ? 1 : 0)}; PRAGMA max_page_count={maxPages};";
        command.ExecuteNonQuery();
    }

    private static TaskCompletionSource NewReleased() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
