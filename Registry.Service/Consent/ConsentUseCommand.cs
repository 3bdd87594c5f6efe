using System.Data;
using System.Data.Common;
using Registry.Service.Infrastructure;

namespace Registry.Service.Consent;

/// <summary>
/// Counts a <see cref="ConsentUse"/> with one prepared UPDATE that re-checks, inside the audit transaction, that
/// the consent is still usable (<see cref="ConsentRules.UsableSql"/>); when it is not, says why (a concurrent
/// check used it up, or it was revoked or expired meanwhile). Plain ADO.NET, the same SQL on every provider.
/// </summary>
internal sealed class ConsentUseCommand : IDisposable
{
    public const string UpdateSql =
        "UPDATE consents SET Uses = Uses + 1, LastRequestId = @request, LastAnswerDigest = @digest, LastAuditEntryId = @entry " +
        "WHERE Id = @id AND " + ConsentRules.UsableSql;

    private const string StateSql = "SELECT RevokedAt, ExpiresAt, Uses, MaxUses FROM consents WHERE Id = @id";

    private readonly DbCommand _update;
    private readonly DbParameter _request;
    private readonly DbParameter _digest;
    private readonly DbParameter _entry;
    private readonly DbParameter _id;
    private readonly DbParameter _now;
    private readonly DbCommand _state;
    private readonly DbParameter _stateId;

    public ConsentUseCommand(DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _update = connection.CreateCommand();
        _update.CommandText = UpdateSql;
        _request = _update.AddParameter("@request", DbType.String);
        _digest = _update.AddParameter("@digest", DbType.Binary);
        _entry = _update.AddParameter("@entry", DbType.String);
        _id = _update.AddParameter("@id", DbType.String);
        _now = _update.AddParameter("@now", DbType.DateTime2);
        _state = connection.CreateCommand();
        _state.CommandText = StateSql;
        _stateId = _state.AddParameter("@id", DbType.String);
    }

    /// <summary>
    /// Null when the use was counted, otherwise the refusal reason; nothing is written then. Synchronous: it runs
    /// on the audit writer's own thread.
    /// </summary>
    public string? Apply(ConsentUse use, DbTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(use);
        _update.Transaction = transaction;
        _request.Value = (object?)use.RequestId ?? DBNull.Value;
        _digest.Value = (object?)use.AnswerDigest ?? DBNull.Value;
        _entry.Value = use.AuditEntryId;
        _id.Value = use.ConsentId;
        _now.Value = use.Now;
        if (_update.ExecuteNonQuery() == 1)
        {
            return null;
        }

        _state.Transaction = transaction;
        _stateId.Value = use.ConsentId;
        using var reader = _state.ExecuteReader();
        if (!reader.Read())
        {
            return ConsentRefusals.NotFound;
        }

        return ConsentRules.UsableRefusal(
            reader.IsDBNull(0) ? null : reader.GetDateTime(0), reader.GetDateTime(1), reader.GetInt32(2), reader.GetInt32(3), use.Now)
            ?? ConsentRefusals.UsedUp;
    }

    public void Dispose()
    {
        _update.Dispose();
        _state.Dispose();
    }
}
