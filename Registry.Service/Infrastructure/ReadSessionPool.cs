using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace Registry.Service.Infrastructure;

/// <summary>
/// Open read connections with their prepared commands, shared by the hot read paths (a check's consent and
/// record lookups). Renting one costs no context creation, no connection open and no SQL parsing; a
/// session that failed is disposed rather than returned, so a broken connection never serves a second call.
/// </summary>
/// <remarks>
/// Each read runs in its own autocommit transaction, so a session sees every change committed before the
/// statement starts, by this replica or any other sharing the database: nothing here caches data.
/// </remarks>
public sealed class ReadSessionPool(IDbContextFactory<RegistryDbContext> contextFactory) : IDisposable
{
    // Enough for the calls in flight on a few cores; beyond it, sessions are closed instead of kept.
    private const int MaxIdle = 64;

    private readonly ConcurrentBag<ReadSession> _idle = [];
    private bool _disposed;

    public ValueTask<ReadSession> RentAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _idle.TryTake(out var session)
            ? ValueTask.FromResult(session)
            : new ValueTask<ReadSession>(ReadSession.OpenAsync(contextFactory, cancellationToken));
    }

    /// <summary>Returns a session that completed its work; pass <paramref name="failed"/> when it threw, and it is closed.</summary>
    public void Return(ReadSession session, bool failed = false)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (failed || _disposed || _idle.Count >= MaxIdle)
        {
            session.Dispose();
            return;
        }

        _idle.Add(session);
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var session))
        {
            session.Dispose();
        }
    }
}
