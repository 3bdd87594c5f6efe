using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Registry.Migrations.Postgres;

namespace Registry.Service.Tests.Infrastructure;

/// <summary>
/// An empty database of its own on the run's <see cref="PostgresServer"/>, which the service processes of one
/// <see cref="ReplicaSet"/> share (<c>Registry:Database:Provider=Postgres</c>); dropped, best effort, when disposed.
/// </summary>
public sealed class PostgresDatabase : ReplicaDatabase
{
    private readonly string _adminConnectionString;

    internal PostgresDatabase(string adminConnectionString, string name)
    {
        _adminConnectionString = adminConnectionString;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name, Pooling = true }.ConnectionString;
    }

    public string Name { get; }

    /// <summary>The connection string the service processes get (pooled, as in production).</summary>
    public string ConnectionString { get; }

    public override ReplicaProvider Provider => ReplicaProvider.Postgres;

    public override void Configure(IDictionary<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        environment["Registry__Database__Provider"] = "Postgres";
        environment["ConnectionStrings__Registry"] = ConnectionString;
    }

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    public override IReadOnlyList<string> Migrations()
    {
        using var db = new PostgresRegistryDbContextDesignTimeFactory().CreateDbContext([]);
        return [.. db.Database.GetMigrations()];
    }

    public override async ValueTask DisposeAsync()
    {
        try
        {
            await using var connection = new NpgsqlConnection(_adminConnectionString);
            await connection.OpenAsync(CancellationToken.None);
            await using var command = connection.CreateCommand();
            command.CommandText = $"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)";
            await command.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (NpgsqlException)
        {
            // Best effort: the server is thrown away at the end of the run anyway.
        }
    }
}
