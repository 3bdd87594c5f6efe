using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace Registry.Service.Audit;

/// <summary>
/// The audit rows of a batch in ONE statement on PostgreSQL, where every statement is a network round trip: an
/// <c>INSERT … SELECT FROM unnest(…)</c> over one array a column, prepared (auto-prepared by Npgsql) and re-bound per batch,
/// instead of one INSERT a row as on SQLite (<see cref="AuditEntryInsert"/>), where a statement costs no round trip.
/// Rows, values and their failure are the same as the per-row path's: the whole statement fails and the batch with it.
/// Not an NpgsqlBatch of single-row INSERTs: that would still send and plan one statement a row, and Npgsql 10.0.3 has lost
/// connections on re-run auto-prepared batches (see <c>PostgresRecordImportCommands.NoJitSql</c>).
/// </summary>
internal sealed class PostgresAuditEntryInsert : IAuditEntryInsert
{
    internal const string Sql =
        "INSERT INTO audit_entries (Id, RecordedAt, PartnerId, KeyId, ActorRole, Action, SubjectKey, SubjectKeyId, " +
        "ConsentId, Purpose, Outcome, Reason, RequestId, Detail, Sequence, LeafHash) " +
        "SELECT * FROM unnest(@ids, @ats, @partners, @keys, @roles, @actions, @subjects, @subjectKeyIds, @consents, @purposes, " +
        "@outcomes, @reasons, @requests, @details, @sequences, @leaves)";

    private readonly NpgsqlCommand _command;
    private readonly NpgsqlParameter<string?[]> _ids, _partners, _keys, _roles, _actions, _subjectKeyIds, _consents, _purposes,
        _outcomes, _reasons, _requests, _details;
    private readonly NpgsqlParameter<DateTime[]> _ats;
    private readonly NpgsqlParameter<byte[]?[]> _subjects, _leaves;
    private readonly NpgsqlParameter<long?[]> _sequences;

    public PostgresAuditEntryInsert(NpgsqlConnection connection)
    {
        _command = new NpgsqlCommand(Sql, connection);
        _ids = Text("@ids");
        _ats = Add<DateTime[]>("@ats", NpgsqlDbType.TimestampTz);
        _partners = Text("@partners");
        _keys = Text("@keys");
        _roles = Text("@roles");
        _actions = Text("@actions");
        _subjects = Add<byte[]?[]>("@subjects", NpgsqlDbType.Bytea);
        _subjectKeyIds = Text("@subjectKeyIds");
        _consents = Text("@consents");
        _purposes = Text("@purposes");
        _outcomes = Text("@outcomes");
        _reasons = Text("@reasons");
        _requests = Text("@requests");
        _details = Text("@details");
        _sequences = Add<long?[]>("@sequences", NpgsqlDbType.Bigint);
        _leaves = Add<byte[]?[]>("@leaves", NpgsqlDbType.Bytea);
    }

    /// <summary>Inserts <paramref name="entries"/> inside <paramref name="transaction"/>; synchronous, on the writer's own thread.</summary>
    public void Execute(IReadOnlyList<AuditEntry> entries, DbTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return;
        }

        _command.Transaction = (NpgsqlTransaction)transaction;
        _ids.TypedValue = Column(entries, static e => e.Id);
        _ats.TypedValue = Column(entries, static e => e.RecordedAt);
        _partners.TypedValue = Column(entries, static e => e.PartnerId);
        _keys.TypedValue = Column(entries, static e => e.KeyId);
        _roles.TypedValue = Column(entries, static e => e.ActorRole);
        _actions.TypedValue = Column(entries, static e => e.Action);
        _subjects.TypedValue = Column(entries, static e => e.SubjectKey);
        _subjectKeyIds.TypedValue = Column(entries, static e => e.SubjectKeyId);
        _consents.TypedValue = Column(entries, static e => e.ConsentId);
        _purposes.TypedValue = Column(entries, static e => e.Purpose);
        _outcomes.TypedValue = Column(entries, static e => e.Outcome);
        _reasons.TypedValue = Column(entries, static e => e.Reason);
        _requests.TypedValue = Column(entries, static e => e.RequestId);
        _details.TypedValue = Column(entries, static e => e.Detail);
        _sequences.TypedValue = Column(entries, static e => e.Sequence);
        _leaves.TypedValue = Column(entries, static e => e.LeafHash);
        var inserted = _command.ExecuteNonQuery();
        if (inserted != entries.Count)
        {
            throw new InvalidOperationException($"The audit insert wrote {inserted} rows of {entries.Count}.");
        }
    }

    public void Dispose() => _command.Dispose();

    private static T[] Column<T>(IReadOnlyList<AuditEntry> entries, Func<AuditEntry, T> value)
    {
        var column = new T[entries.Count];
        for (var i = 0; i < column.Length; i++)
        {
            column[i] = value(entries[i]);
        }

        return column;
    }

    private NpgsqlParameter<string?[]> Text(string name) => Add<string?[]>(name, NpgsqlDbType.Text);

    private NpgsqlParameter<T> Add<T>(string name, NpgsqlDbType element)
    {
        var parameter = new NpgsqlParameter<T> { ParameterName = name, NpgsqlDbType = NpgsqlDbType.Array | element };
        _command.Parameters.Add(parameter);
        return parameter;
    }
}
