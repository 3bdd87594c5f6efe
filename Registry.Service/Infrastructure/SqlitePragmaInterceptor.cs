using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Registry.Service.Infrastructure;

/// <summary>
/// Makes every SQLite connection durable against power loss (<c>synchronous=FULL</c> under WAL: each commit
/// syncs) and patient with concurrent writers (<c>busy_timeout</c>), which several replicas on one file need.
/// </summary>
public sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    /// <summary>How long a statement waits for a lock another connection holds before it fails with SQLITE_BUSY.</summary>
    public const int BusyTimeoutMs = 10_000;

    private static readonly string Pragmas = $"PRAGMA synchronous=FULL; PRAGMA busy_timeout={BusyTimeoutMs};";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
