using System.Buffers;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Registry.Service.Infrastructure;

/// <summary>
/// One statement prepared on a <see cref="SqliteConnection"/>'s own handle, bound by position and stepped directly. A
/// writer's hot insert pays Microsoft.Data.Sqlite's per-execution work otherwise: each parameter is looked up by name
/// in the statement, its value's type switched on, its text converted to UTF-8 in a new array, and each call wraps the
/// handles in reference counts (docs/benchmarks.md). It runs in whatever transaction the connection has open. Values
/// are bound as Microsoft.Data.Sqlite and EF Core bind them (<see cref="Bind(int, DateTime)"/> keeps their text format),
/// so EF reads the rows back unchanged. Not thread-safe; dispose it before its connection closes.
/// </summary>
public sealed class SqliteRawStatement : IDisposable
{
    /// <summary>EF Core's and Microsoft.Data.Sqlite's text form of a <see cref="DateTime"/> on SQLite.</summary>
    public const string DateTimeFormat = @"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF";

    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private byte[] _buffer = new byte[256];

    public SqliteRawStatement(SqliteConnection connection, string sql)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        Check(raw.sqlite3_prepare_v2(_db, sql, out _statement));
    }

    public void Bind(int index, string? value)
    {
        if (value is null)
        {
            BindNull(index);
            return;
        }

        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (_buffer.Length < max)
        {
            _buffer = new byte[Math.Max(max, _buffer.Length * 2)];
        }

        var length = Encoding.UTF8.GetBytes(value, _buffer);
        Check(raw.sqlite3_bind_text(_statement, index, _buffer.AsSpan(0, length))); // copied by SQLite (SQLITE_TRANSIENT)
    }

    public void Bind(int index, byte[]? value)
    {
        if (value is null)
        {
            BindNull(index);
            return;
        }

        Check(raw.sqlite3_bind_blob(_statement, index, value));
    }

    public void Bind(int index, long? value)
    {
        if (value is not { } number)
        {
            BindNull(index);
            return;
        }

        Check(raw.sqlite3_bind_int64(_statement, index, number));
    }

    public void Bind(int index, DateTime value)
    {
        Span<byte> text = stackalloc byte[32];
        if (!value.TryFormat(text, out var length, DateTimeFormat, CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException("A date and time did not fit its text form.");
        }

        Check(raw.sqlite3_bind_text(_statement, index, text[..length]));
    }

    /// <summary>Runs the statement once (it must return no rows), then resets it for the next values.</summary>
    public void Execute()
    {
        var rc = raw.sqlite3_step(_statement);
        raw.sqlite3_reset(_statement);
        if (rc != raw.SQLITE_DONE)
        {
            Throw(rc);
        }
    }

    public void Dispose() => _statement.Dispose();

    private void BindNull(int index) => Check(raw.sqlite3_bind_null(_statement, index));

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            Throw(rc);
        }
    }

    private void Throw(int rc) =>
        throw new SqliteException($"SQLite Error {rc}: '{raw.sqlite3_errmsg(_db).utf8_to_string()}'.", rc, raw.sqlite3_extended_errcode(_db));
}
