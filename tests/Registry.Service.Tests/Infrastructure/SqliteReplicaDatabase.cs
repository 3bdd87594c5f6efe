using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Registry.Migrations.Sqlite;

namespace Registry.Service.Tests.Infrastructure;

/// <summary>One SQLite file that several service processes on this machine share.</summary>
public sealed class SqliteReplicaDatabase(string path) : ReplicaDatabase
{
    public string Path { get; } = path;

    public override ReplicaProvider Provider => ReplicaProvider.Sqlite;

    public override void Configure(IDictionary<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        environment["ConnectionStrings__Registry"] = $"Data Source={Path}";
    }

    /// <summary>A read-only connection outside every service process (pooling off, so nothing lingers).</summary>
    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection($"Data Source={Path};Pooling=False;Mode=ReadOnly");
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    public override IReadOnlyList<string> Migrations()
    {
        using var db = new SqliteRegistryDbContextDesignTimeFactory().CreateDbContext([]);
        return [.. db.Database.GetMigrations()];
    }

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        return ValueTask.CompletedTask;
    }
}
