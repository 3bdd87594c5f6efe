using System.Data.Common;

namespace Registry.Bench.Seed;

/// <summary>
/// Drops the explicit indexes of the bulk-loaded tables before the load and re-creates them afterwards from the
/// exact SQL the migrations stored in <c>sqlite_master</c>: SQLite builds an index from sorted keys far faster than it
/// maintains one under random inserts (stack.md: 280k rows/s against 65–150k). Primary keys and UNIQUE constraints
/// (<c>sqlite_autoindex_*</c>, no SQL) stay. <see cref="Restore"/> then checks that the schema equals the migrated one.
/// </summary>
public sealed class SecondaryIndexes : IDeferredIndexes
{
    private readonly DbConnection _connection;
    private readonly List<(string Name, string Sql)> _dropped = [];
    private readonly string[] _schemaBefore;

    public SecondaryIndexes(DbConnection connection, IReadOnlyCollection<string> tables)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(tables);
        _connection = connection;
        _schemaBefore = Schema(connection);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, sql, tbl_name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name";
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                if (tables.Contains(reader.GetString(2)))
                {
                    _dropped.Add((reader.GetString(0), reader.GetString(1)));
                }
            }
        }

        foreach (var (name, _) in _dropped)
        {
            Execute($"DROP INDEX \"{name}\"");
        }
    }

    public IReadOnlyList<string> Names => _dropped.Select(i => i.Name).ToArray();

    public void Restore()
    {
        foreach (var (_, sql) in _dropped)
        {
            Execute(sql);
        }

        var after = Schema(_connection);
        if (!after.SequenceEqual(_schemaBefore))
        {
            throw new InvalidOperationException(
                "The schema after the load differs from the migrated one:\n" + string.Join('\n', after.Except(_schemaBefore).Concat(_schemaBefore.Except(after))));
        }
    }

    private static string[] Schema(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT type || ' ' || name || ' ON ' || tbl_name || ': ' || IFNULL(sql, '') FROM sqlite_master ORDER BY type, name";
        var rows = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(reader.GetString(0));
        }

        return [.. rows];
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
