using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Registry.Service.Tests.Partners;

/// <summary>Counts the API-key lookups (one per BCrypt verification) the service runs.</summary>
public sealed class ApiKeyLookupCounter : DbCommandInterceptor
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        if (command.CommandText.Contains("FROM \"api_keys\"", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _count);
        }

        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }
}
