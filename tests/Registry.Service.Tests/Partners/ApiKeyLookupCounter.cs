using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Registry.Service.Tests.Partners;

/// <summary>Counts the API-key lookups (one per BCrypt verification) the service runs; can hold them until released.</summary>
public sealed class ApiKeyLookupCounter : DbCommandInterceptor
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    private int _blocked;

    /// <summary>
    /// When set, every lookup blocks its thread (as SQLite and BCrypt do) until the event is set, for at most 5 s.
    /// </summary>
    public ManualResetEventSlim? Block { get; set; }

    /// <summary>How many lookups are blocked right now.</summary>
    public int Blocked => Volatile.Read(ref _blocked);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        if (command.CommandText.Contains("FROM \"api_keys\"", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _count);
            if (Block is { } block)
            {
                Interlocked.Increment(ref _blocked);
                block.Wait(TimeSpan.FromSeconds(5), cancellationToken);
                Interlocked.Decrement(ref _blocked);
            }
        }

        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }
}
