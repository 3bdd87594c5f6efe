using System.Data;
using System.Data.Common;

using Registry.Service.Infrastructure;

namespace Registry.Service.Audit;

/// <summary>
/// The prepared INSERT of an audit row, kept on the writer's connection and run in each batch's transaction; the
/// row is numbered (sequence and leaf hash) when this replica holds the sequencer lease, and pending otherwise.
/// Plain ADO.NET rather than EF change tracking: the row is append-only, never read back, and EF's
/// per-entity snapshot, command batching and result propagation cost more than the insert itself.
/// One statement a row: on SQLite a statement costs no round trip; on PostgreSQL <see cref="PostgresAuditEntryInsert"/>
/// sends a batch's rows in one.
/// </summary>
internal sealed class AuditEntryInsert : IAuditEntryInsert
{
    public const string Sql =
        "INSERT INTO audit_entries (Id, RecordedAt, PartnerId, KeyId, ActorRole, Action, SubjectKey, SubjectKeyId, " +
        "ConsentId, Purpose, Outcome, Reason, RequestId, Detail, Sequence, LeafHash) VALUES (@id, @at, @partner, @key, @role, " +
        "@action, @subject, @subjectKeyId, @consent, @purpose, @outcome, @reason, @request, @detail, @sequence, @leaf)";

    private readonly DbCommand _command;
    private readonly DbParameter[] _parameters;

    public AuditEntryInsert(DbConnection connection)
    {
        _command = connection.CreateCommand();
        _command.CommandText = Sql;
        _parameters =
        [
            _command.AddParameter("@id", DbType.String), _command.AddParameter("@at", DbType.DateTime2), _command.AddParameter("@partner", DbType.String), _command.AddParameter("@key", DbType.String),
            _command.AddParameter("@role", DbType.String), _command.AddParameter("@action", DbType.String), _command.AddParameter("@subject", DbType.Binary),
            _command.AddParameter("@subjectKeyId", DbType.String), _command.AddParameter("@consent", DbType.String), _command.AddParameter("@purpose", DbType.String),
            _command.AddParameter("@outcome", DbType.String), _command.AddParameter("@reason", DbType.String), _command.AddParameter("@request", DbType.String), _command.AddParameter("@detail", DbType.String),
            _command.AddParameter("@sequence", DbType.Int64), _command.AddParameter("@leaf", DbType.Binary),
        ];
    }

    /// <summary>Inserts the rows inside <paramref name="transaction"/>, one statement each; synchronous, on the writer's own thread.</summary>
    public void Execute(IReadOnlyList<AuditEntry> entries, DbTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var entry in entries)
        {
            Execute(entry, transaction);
        }
    }

    private void Execute(AuditEntry entry, DbTransaction transaction)
    {
        _command.Transaction = transaction;
        object?[] values =
        [
            entry.Id, entry.RecordedAt, entry.PartnerId, entry.KeyId, entry.ActorRole, entry.Action, entry.SubjectKey,
            entry.SubjectKeyId, entry.ConsentId, entry.Purpose, entry.Outcome, entry.Reason, entry.RequestId, entry.Detail,
            entry.Sequence, entry.LeafHash,
        ];
        for (var i = 0; i < values.Length; i++)
        {
            _parameters[i].Value = values[i] ?? DBNull.Value;
        }

        _command.ExecuteNonQuery();
    }

    public void Dispose() => _command.Dispose();
}

/// <summary>
/// The audit row's insert on SQLite: the same statement as <see cref="AuditEntryInsert"/>, bound by position on the
/// connection's own handle (<see cref="SqliteRawStatement"/>). The writer's thread runs it once per entry of every batch,
/// and the bound-by-name insert's managed work was the largest part of the writer's own code (docs/benchmarks.md).
/// </summary>
internal sealed class SqliteAuditEntryInsert(Microsoft.Data.Sqlite.SqliteConnection connection) : IAuditEntryInsert
{
    private readonly SqliteRawStatement _statement = new(connection, AuditEntryInsert.Sql);

    /// <remarks>SQLite has one transaction per connection: the statement runs in <paramref name="transaction"/> by being on its connection.</remarks>
    public void Execute(IReadOnlyList<AuditEntry> entries, DbTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var entry in entries)
        {
            // Positions follow AuditEntryInsert.Sql's VALUES list.
            _statement.Bind(1, entry.Id);
            _statement.Bind(2, entry.RecordedAt);
            _statement.Bind(3, entry.PartnerId);
            _statement.Bind(4, entry.KeyId);
            _statement.Bind(5, entry.ActorRole);
            _statement.Bind(6, entry.Action);
            _statement.Bind(7, entry.SubjectKey);
            _statement.Bind(8, entry.SubjectKeyId);
            _statement.Bind(9, entry.ConsentId);
            _statement.Bind(10, entry.Purpose);
            _statement.Bind(11, entry.Outcome);
            _statement.Bind(12, entry.Reason);
            _statement.Bind(13, entry.RequestId);
            _statement.Bind(14, entry.Detail);
            _statement.Bind(15, entry.Sequence);
            _statement.Bind(16, entry.LeafHash);
            _statement.Execute();
        }
    }

    public void Dispose() => _statement.Dispose();
}

/// <summary>The prepared insert of a batch's audit rows on the writer's connection, chosen by provider in <see cref="AuditBatchWriter"/>.</summary>
internal interface IAuditEntryInsert : IDisposable
{
    /// <summary>Inserts <paramref name="entries"/> inside <paramref name="transaction"/>; synchronous, on the writer's own thread.</summary>
    void Execute(IReadOnlyList<AuditEntry> entries, DbTransaction transaction);
}
