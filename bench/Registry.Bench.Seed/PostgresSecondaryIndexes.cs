using System.Data.Common;

namespace Registry.Bench.Seed;

/// <summary>
/// The PostgreSQL twin of <see cref="SecondaryIndexes"/>: drops the indexes of the bulk-loaded tables that back no
/// constraint (primary keys stay) and re-creates them afterwards from <c>pg_get_indexdef</c>, the exact definitions
/// the migrations created: a B-tree built once from sorted keys is far cheaper than one maintained under a million
/// random 32-byte subject keys. <see cref="Restore"/> then compares every index and constraint with the migrated ones.
/// </summary>
public sealed class PostgresSecondaryIndexes : IDeferredIndexes
{
    private const string TablesFilter = "n.nspname = current_schema() AND t.relname = ANY(@tables)";

    private readonly DbConnection _connection;
    private readonly string[] _tables;
    private readonly List<(string Name, string Sql)> _dropped = [];
    private readonly string[] _schemaBefore;

    public PostgresSecondaryIndexes(DbConnection connection, IReadOnlyCollection<string> tables)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(tables);
        _connection = connection;
        _tables = [.. tables];
        _schemaBefore = Schema();
        foreach (var row in Query(
            "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid " +
            "JOIN pg_class t ON t.oid = x.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace " +
            $"WHERE {TablesFilter} AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid) ORDER BY i.relname"))
        {
            _dropped.Add((row[0], row[1]));
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

        var after = Schema();
        if (!after.SequenceEqual(_schemaBefore))
        {
            throw new InvalidOperationException(
                "The schema after the load differs from the migrated one:\n" + string.Join('\n', after.Except(_schemaBefore).Concat(_schemaBefore.Except(after))));
        }
    }

    private string[] Schema() =>
    [
        .. Query(
            "SELECT 'index ' || i.relname || ': ' || pg_get_indexdef(i.oid) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid " +
            "JOIN pg_class t ON t.oid = x.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace " +
            $"WHERE {TablesFilter} " +
            "UNION ALL SELECT 'constraint ' || c.conname || ': ' || pg_get_constraintdef(c.oid) FROM pg_constraint c " +
            $"JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace WHERE {TablesFilter} ORDER BY 1")
            .Select(row => row[0]),
    ];

    private List<string[]> Query(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        var tables = command.CreateParameter();
        tables.ParameterName = "tables";
        tables.Value = _tables;
        command.Parameters.Add(tables);
        var rows = new List<string[]>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var row = new string[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.GetString(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
