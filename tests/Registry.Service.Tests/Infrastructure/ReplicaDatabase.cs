using System.Data.Common;
using System.Globalization;

namespace Registry.Service.Tests.Infrastructure;

/// <summary>
/// The one database the replicas of a <see cref="ReplicaSet"/> share: how a service process is pointed at it, and the
/// test's own connections to it (to read what the replicas wrote). SQL written for both providers names columns
/// unquoted (<c>WHERE Sequence IS NULL</c>), as the service's own SQL does: SQLite ignores their case, PostgreSQL folds them
/// to its lower-case column names. Parameters are <c>@p0</c>, <c>@p1</c>, ….
/// </summary>
public abstract class ReplicaDatabase : IAsyncDisposable
{
    public abstract ReplicaProvider Provider { get; }

    /// <summary>Sets the service process's configuration (environment variables) for this database.</summary>
    public abstract void Configure(IDictionary<string, string?> environment);

    public abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>The ids of the provider's migrations, as the service applies them.</summary>
    public abstract IReadOnlyList<string> Migrations();

    public async Task<long> ScalarAsync(string sql, params object[] values) =>
        Convert.ToInt64(await ValueAsync(sql, values), CultureInfo.InvariantCulture);

    /// <summary>The first column of the first row, or null when there is no row or it is NULL.</summary>
    public async Task<object?> ValueAsync(string sql, params object[] values)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var connection = await OpenAsync(ct);
        await using var command = Command(connection, sql, values);
        var value = await command.ExecuteScalarAsync(ct);
        return value is DBNull ? null : value;
    }

    /// <summary>The first row's columns as integers (one statement: one snapshot of the database).</summary>
    public async Task<long[]> IntegersAsync(string sql, params object[] values)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var connection = await OpenAsync(ct);
        await using var command = Command(connection, sql, values);
        await using var reader = await command.ExecuteReaderAsync(ct);
        Assert.True(await reader.ReadAsync(ct), sql);
        return [.. Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? -1 : Convert.ToInt64(reader.GetValue(i), CultureInfo.InvariantCulture))];
    }

    /// <summary>The first column of every row, as text.</summary>
    public async Task<List<string>> ColumnAsync(string sql, params object[] values)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var connection = await OpenAsync(ct);
        await using var command = Command(connection, sql, values);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var column = new List<string>();
        while (await reader.ReadAsync(ct))
        {
            column.Add(Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture) ?? string.Empty);
        }

        return column;
    }

    public abstract ValueTask DisposeAsync();

    private static DbCommand Command(DbConnection connection, string sql, object[] values)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < values.Length; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@p" + i.ToString(CultureInfo.InvariantCulture);
            parameter.Value = values[i];
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
