using System.Data;
using Microsoft.Data.Sqlite;
using Registry.Service.Infrastructure;

namespace Registry.Service.Tests.Infrastructure;

/// <summary>
/// The writer's insert bound by position must store exactly what Microsoft.Data.Sqlite (and so EF Core) stores for the
/// same values, or EF would read back another time, and a leaf hash recomputed from the row would no longer match.
/// </summary>
public sealed class SqliteRawStatementTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"raw-{Guid.NewGuid():N}.db");
    private readonly SqliteConnection _connection;

    public SqliteRawStatementTests()
    {
        _connection = new SqliteConnection($"Data Source={_path};Pooling=False");
        _connection.Open();
        using var create = _connection.CreateCommand();
        create.CommandText = "CREATE TABLE t (k INTEGER PRIMARY KEY, at, text, blob, number); CREATE UNIQUE INDEX t_number ON t(number)";
        create.ExecuteNonQuery();
    }

    public static TheoryData<DateTime, string?, byte[]?, long?> Values => new()
    {
        { new DateTime(2026, 12, 4, 21, 0, 28, DateTimeKind.Utc), "ascii", [1, 2, 3], 7 },
        { new DateTime(2026, 12, 4, 21, 0, 28, DateTimeKind.Utc).AddTicks(1_234_560), "Петров-Водкин Ә ✓ 🙂", [], long.MinValue },
        { new DateTime(1, 1, 1, 0, 0, 0, DateTimeKind.Utc), string.Empty, null, null },
        { DateTime.MaxValue, null, new byte[32], long.MaxValue },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void Bind_StoresWhatMicrosoftDataSqliteStores(DateTime at, string? text, byte[]? blob, long? number)
    {
        using (var raw = new SqliteRawStatement(_connection, "INSERT INTO t (k, at, text, blob, number) VALUES (1, ?1, ?2, ?3, ?4)"))
        {
            raw.Bind(1, at);
            raw.Bind(2, text);
            raw.Bind(3, blob);
            raw.Bind(4, number);
            raw.Execute();
        }

        using (var command = _connection.CreateCommand())
        {
            command.CommandText = "INSERT INTO t (k, at, text, blob) VALUES (2, @at, @text, @blob)"; // number is unique
            command.Parameters.Add(new SqliteParameter("@at", at) { DbType = DbType.DateTime2 });
            command.Parameters.Add(new SqliteParameter("@text", (object?)text ?? DBNull.Value));
            command.Parameters.Add(new SqliteParameter("@blob", (object?)blob ?? DBNull.Value));
            command.ExecuteNonQuery();
        }

        Assert.Equal(Row(2, "at"), Row(1, "at"));
        Assert.Equal(Row(2, "text"), Row(1, "text"));
        Assert.Equal(Row(2, "blob"), Row(1, "blob"));
        Assert.Equal(number is null ? ("null", null) : ("integer", (object?)number.Value), Row(1, "number"));
    }

    [Fact]
    public void Execute_ConstraintViolated_ThrowsSqliteExceptionAndTheStatementRunsAgain()
    {
        using var raw = new SqliteRawStatement(_connection, "INSERT INTO t (number) VALUES (?1)");
        raw.Bind(1, 5);
        raw.Execute();

        var ex = Assert.Throws<SqliteException>(raw.Execute); // the same value again: the unique index refuses it

        Assert.Equal(19, ex.SqliteErrorCode); // SQLITE_CONSTRAINT
        Assert.Contains("UNIQUE", ex.Message, StringComparison.Ordinal);
        raw.Bind(1, 6);
        raw.Execute();
        Assert.Equal(2L, Scalar("SELECT COUNT(*) FROM t"));
    }

    [Fact]
    public void Execute_InsideATransaction_IsRolledBackWithIt()
    {
        using var raw = new SqliteRawStatement(_connection, "INSERT INTO t (number) VALUES (?1)");
        using (var transaction = _connection.BeginTransaction())
        {
            raw.Bind(1, 1);
            raw.Execute();
            transaction.Rollback();
        }

        Assert.Equal(0L, Scalar("SELECT COUNT(*) FROM t"));
    }

    public void Dispose()
    {
        _connection.Dispose();
        File.Delete(_path);
    }

    private (string Type, object? Value) Row(int key, string column)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = $"SELECT typeof({column}), {column} FROM t WHERE k = {key}";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        var value = reader.IsDBNull(1) ? null : reader.GetValue(1);
        return (reader.GetString(0), value is byte[] bytes ? Convert.ToHexString(bytes) : value); // arrays compared by content
    }

    private object? Scalar(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
