using System.Data;
using System.Data.Common;
using Microsoft.Data.SqlClient;
using Registry.Service.Audit;
using Registry.Service.Infrastructure;

namespace Registry.Service.Consent;

/// <summary>
/// Counts a <see cref="ConsentUse"/> with one prepared UPDATE that re-checks, inside the audit transaction, that
/// the consent is still usable (<see cref="ConsentRules.UsableSql"/>) and that its last use was not this very request;
/// when it is not, says why (a concurrent check used it up, or it was revoked or expired meanwhile), or withdraws the
/// use when the request was already answered (<see cref="IPreparedChange.Withdrawn"/>: a retry the caller took for a
/// new check, from a consent it had read before that answer). Plain ADO.NET; the same SQL on every provider but for how
/// SQL Server returns the count.
/// </summary>
internal sealed class ConsentUseCommand : IDisposable
{
    private const string Set =
        "UPDATE consents SET Uses = Uses + 1, LastRequestId = @request, LastAnswerDigest = @digest, LastAuditEntryId = @entry ";

    private const string Where =
        "WHERE Id = @id AND " + ConsentRules.UsableSql + " AND (@request IS NULL OR LastRequestId IS NULL OR LastRequestId <> @request)";

    /// <summary>SQLite and PostgreSQL.</summary>
    public const string UpdateSql = Set + Where + " RETURNING Uses";

    public const string SqlServerUpdateSql = Set + "OUTPUT inserted.Uses " + Where;

    private const string StateSql = "SELECT RevokedAt, ExpiresAt, Uses, MaxUses, LastRequestId FROM consents WHERE Id = @id";

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
        _update.CommandText = connection is SqlConnection ? SqlServerUpdateSql : UpdateSql;
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
    /// The use counted (no refusal, and the consent's uses after it), or the refusal reason, or
    /// <see cref="IPreparedChange.Withdrawn"/>; nothing is written then. Synchronous: it runs on the audit writer's own thread.
    /// </summary>
    public (string? Refusal, int UsesAfter) Apply(ConsentUse use, DbTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(use);
        _update.Transaction = transaction;
        _request.Value = (object?)use.RequestId ?? DBNull.Value;
        _digest.Value = (object?)use.AnswerDigest ?? DBNull.Value;
        _entry.Value = use.AuditEntryId;
        _id.Value = use.ConsentId;
        _now.Value = use.Now;
        if (_update.ExecuteScalar() is { } uses and not DBNull)
        {
            return (null, Convert.ToInt32(uses, System.Globalization.CultureInfo.InvariantCulture));
        }

        _state.Transaction = transaction;
        _stateId.Value = use.ConsentId;
        using var reader = _state.ExecuteReader();
        if (!reader.Read())
        {
            return (ConsentRefusals.NotFound, 0);
        }

        var refusal = ConsentRules.UsableRefusal(
            reader.IsDBNull(0) ? null : reader.GetDateTime(0), reader.GetDateTime(1), reader.GetInt32(2), reader.GetInt32(3), use.Now);
        // The same order as the check's own evaluation: a request already answered is a retry unless the consent was
        // revoked or expired since (CheckHandler).
        var answered = use.RequestId is not null && !reader.IsDBNull(4) && reader.GetString(4) == use.RequestId;
        return refusal is null or ConsentRefusals.UsedUp && answered ? (IPreparedChange.Withdrawn, 0) : (refusal ?? ConsentRefusals.UsedUp, 0);
    }

    public void Dispose()
    {
        _update.Dispose();
        _state.Dispose();
    }
}
