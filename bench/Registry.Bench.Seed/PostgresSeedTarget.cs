using System.Data.Common;
using Npgsql;
using Registry.Service.Infrastructure;

namespace Registry.Bench.Seed;

/// <summary>
/// A PostgreSQL database named by the connection string's <c>Database</c>, created afresh (dropped first with
/// <c>--overwrite true</c>) through the server's <c>postgres</c> database. The load runs with
/// <c>session_replication_role = replica</c> (the foreign-key triggers off, as SQLite's <c>foreign_keys=OFF</c>;
/// the keys are checked once afterwards) and the secondary indexes deferred; afterwards identity sequences are moved
/// past the loaded ids and the tables vacuumed, frozen and analysed, so that the service starts on settled pages
/// and fresh statistics. Needs a superuser (the benchmark's own throw-away server).
/// </summary>
public sealed class PostgresSeedTarget(SeedArguments arguments) : ISeedTarget
{
    private readonly NpgsqlConnectionStringBuilder _builder = new(arguments.Connection ?? throw new ArgumentException("--connection is required"));

    public string Provider => "Postgres";

    public string ConnectionString => _builder.ConnectionString;

    public string ManifestPath => arguments.Manifest ?? throw new ArgumentException("--manifest FILE is required");

    public string Description => new NpgsqlConnectionStringBuilder(_builder.ConnectionString) { Password = null }.ConnectionString;

    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        var name = _builder.Database ?? throw new ArgumentException("--connection needs Database=NAME");
        var server = new NpgsqlConnectionStringBuilder(_builder.ConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", name);
        if ((long)(await exists.ExecuteScalarAsync(cancellationToken))! > 0)
        {
            if (!arguments.Overwrite)
            {
                throw new InvalidOperationException($"database {name} exists; pass --overwrite true to replace it.");
            }

            await ExecuteAsync(connection, $"DROP DATABASE {Quote(name)} WITH (FORCE)", cancellationToken);
        }

        await ExecuteAsync(connection, $"CREATE DATABASE {Quote(name)}", cancellationToken);
        File.Delete(ManifestPath);
    }

    public void BeforeLoad(DbConnection connection) =>
        Execute(connection, "SET session_replication_role = replica; SET maintenance_work_mem = '256MB'");

    public IDeferredIndexes DeferIndexes(DbConnection connection, IReadOnlyCollection<string> tables) => new PostgresSecondaryIndexes(connection, tables);

    public IRowWriter<TEntity> CreateWriter<TEntity>(RegistryDbContext db, DbTransaction transaction)
        where TEntity : class => new PostgresCopyWriter<TEntity>(db);

    public void AfterLoad(DbConnection connection, IReadOnlyCollection<string> tables)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(tables);
        Execute(connection, "SET session_replication_role = DEFAULT");
        CheckForeignKeys(connection, tables);
        using (var identities = connection.CreateCommand())
        {
            identities.CommandText = "SELECT table_name, column_name FROM information_schema.columns " +
                "WHERE table_schema = current_schema() AND is_identity = 'YES' AND table_name = ANY(@tables)";
            identities.Parameters.Add(new NpgsqlParameter("tables", tables.ToArray()));
            var columns = new List<(string Table, string Column)>();
            using (var reader = identities.ExecuteReader())
            {
                while (reader.Read())
                {
                    columns.Add((reader.GetString(0), reader.GetString(1)));
                }
            }

            foreach (var (table, column) in columns)
            {
                Execute(connection, $"SELECT setval(pg_get_serial_sequence('{Quote(table)}', '{column}'), GREATEST((SELECT max({Quote(column)}) FROM {Quote(table)}), 1))");
            }
        }

        Execute(connection, $"VACUUM (FREEZE, ANALYZE) {string.Join(", ", tables.Select(Quote))}");
    }

    public long Size(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT pg_database_size(current_database())";
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Every foreign key of the loaded tables, checked once with an anti-join: the load ran with their triggers off.</summary>
    private static void CheckForeignKeys(DbConnection connection, IReadOnlyCollection<string> tables)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT c.conname, c.conrelid::regclass::text, a.attname, c.confrelid::regclass::text, f.attname " +
            "FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid " +
            "JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1] " +
            "JOIN pg_attribute f ON f.attrelid = c.confrelid AND f.attnum = c.confkey[1] " +
            "WHERE c.contype = 'f' AND t.relname = ANY(@tables) AND cardinality(c.conkey) = 1";
        command.Parameters.Add(new NpgsqlParameter("tables", tables.ToArray()));
        var keys = new List<string[]>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                keys.Add([reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4)]);
            }
        }

        foreach (var key in keys)
        {
            using var orphans = connection.CreateCommand();
            orphans.CommandText = $"SELECT count(*) FROM {key[1]} c WHERE c.{Quote(key[2])} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM {key[3]} p WHERE p.{Quote(key[4])} = c.{Quote(key[2])})";
            if ((long)orphans.ExecuteScalar()! != 0)
            {
                throw new InvalidOperationException($"Foreign key {key[0]}: rows of {key[1]} without their {key[3]}.");
            }
        }
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static void Execute(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
