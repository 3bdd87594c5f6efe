using System.Data.Common;
using Microsoft.Data.Sqlite;
using Registry.Service.Infrastructure;

namespace Registry.Bench.Seed;

/// <summary>
/// A SQLite file: the journal in memory and no syncs during the load (a half-written seed is thrown away anyway),
/// then back to WAL with synchronous=FULL, as the service runs it.
/// </summary>
public sealed class SqliteSeedTarget(SeedArguments arguments) : ISeedTarget
{
    private readonly string _path = Path.GetFullPath(arguments.Database ?? throw new ArgumentException("--database FILE is required"));

    public string Provider => "Sqlite";

    // Pooling off: the load switches the file out of WAL, which needs every other connection closed.
    public string ConnectionString => new SqliteConnectionStringBuilder { DataSource = _path, Pooling = false }.ToString();

    public string ManifestPath => arguments.Manifest ?? SeedManifest.PathFor(_path);

    public string Description => _path;

    public Task PrepareAsync(CancellationToken cancellationToken)
    {
        if (File.Exists(_path))
        {
            if (!arguments.Overwrite)
            {
                throw new InvalidOperationException($"{_path} exists; pass --overwrite true to replace it.");
            }

            foreach (var file in new[] { _path, _path + "-wal", _path + "-shm", ManifestPath })
            {
                File.Delete(file);
            }
        }

        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        return Task.CompletedTask;
    }

    public void BeforeLoad(DbConnection connection) =>
        Pragma(connection, "PRAGMA journal_mode=MEMORY; PRAGMA synchronous=OFF; PRAGMA cache_size=-524288; PRAGMA temp_store=MEMORY; PRAGMA foreign_keys=OFF;");

    public IDeferredIndexes DeferIndexes(DbConnection connection, IReadOnlyCollection<string> tables) => new SecondaryIndexes(connection, tables);

    public IRowWriter<TEntity> CreateWriter<TEntity>(RegistryDbContext db, DbTransaction transaction)
        where TEntity : class => new BulkTableWriter<TEntity>(db, transaction);

    public void AfterLoad(DbConnection connection, IReadOnlyCollection<string> tables) =>
        Pragma(connection, "PRAGMA foreign_keys=ON; PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA wal_checkpoint(TRUNCATE);");

    public long Size(DbConnection connection) => new FileInfo(_path).Length;

    private static void Pragma(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        while (reader.NextResult())
        {
        }
    }
}
