using System.Data;
using System.Data.Common;

namespace Registry.Service.Audit;

/// <summary>
/// The prepared INSERT of an unsequenced audit row, kept on the writer's connection and run in each batch's transaction.
/// Plain ADO.NET rather than EF change tracking: the row is append-only, never read back, and EF's
/// per-entity snapshot, command batching and result propagation cost more than the insert itself.
/// </summary>
internal sealed class AuditEntryInsert : IDisposable
{
    private const string Sql =
        "INSERT INTO audit_entries (Id, RecordedAt, PartnerId, KeyId, ActorRole, Action, SubjectKey, SubjectKeyId, " +
        "ConsentId, Purpose, Outcome, Reason, RequestId, Detail) VALUES (@id, @at, @partner, @key, @role, @action, " +
        "@subject, @subjectKeyId, @consent, @purpose, @outcome, @reason, @request, @detail)";

    private readonly DbCommand _command;
    private readonly DbParameter[] _parameters;

    public AuditEntryInsert(DbConnection connection)
    {
        _command = connection.CreateCommand();
        _command.CommandText = Sql;
        _parameters =
        [
            Add("@id", DbType.String), Add("@at", DbType.DateTime2), Add("@partner", DbType.String), Add("@key", DbType.String),
            Add("@role", DbType.String), Add("@action", DbType.String), Add("@subject", DbType.Binary),
            Add("@subjectKeyId", DbType.String), Add("@consent", DbType.String), Add("@purpose", DbType.String),
            Add("@outcome", DbType.String), Add("@reason", DbType.String), Add("@request", DbType.String), Add("@detail", DbType.String),
        ];
    }

    /// <summary>Inserts the row inside <paramref name="transaction"/>; synchronous, on the writer's own thread.</summary>
    public void Execute(AuditEntry entry, DbTransaction transaction)
    {
        _command.Transaction = transaction;
        object?[] values =
        [
            entry.Id, entry.RecordedAt, entry.PartnerId, entry.KeyId, entry.ActorRole, entry.Action, entry.SubjectKey,
            entry.SubjectKeyId, entry.ConsentId, entry.Purpose, entry.Outcome, entry.Reason, entry.RequestId, entry.Detail,
        ];
        for (var i = 0; i < values.Length; i++)
        {
            _parameters[i].Value = values[i] ?? DBNull.Value;
        }

        _command.ExecuteNonQuery();
    }

    public void Dispose() => _command.Dispose();

    private DbParameter Add(string name, DbType type)
    {
        var parameter = _command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        _command.Parameters.Add(parameter);
        return parameter;
    }
}
