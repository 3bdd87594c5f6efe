using System.Data;
using System.Data.Common;
using Registry.Service.Infrastructure;

namespace Registry.Service.Consent;

/// <summary>
/// Reads one consent by id for a check: a prepared SELECT on the primary key, kept on a pooled read
/// connection (<see cref="ReadSessionPool"/>). Plain ADO.NET, the same SQL on every provider.
/// </summary>
internal sealed class ConsentLookupCommand : IDisposable
{
    public const string Sql =
        "SELECT PartnerId, SubjectKey, SubjectKeyId, Purpose, Scope, ExpiresAt, RevokedAt, MaxUses, Uses, LastRequestId, " +
        "LastAnswerDigest, LastAuditEntryId " +
        "FROM consents WHERE Id = @id";

    private readonly DbCommand _command;
    private readonly DbParameter _id;

    public ConsentLookupCommand(DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _command = connection.CreateCommand();
        _command.CommandText = Sql;
        _id = _command.AddParameter("@id", DbType.String);
    }

    public static Task<ConsentState?> FindAsync(ReadSession session, string consentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session.Commands.Get(static c => new ConsentLookupCommand(c)).FindAsync(consentId, cancellationToken);
    }

    public async Task<ConsentState?> FindAsync(string consentId, CancellationToken cancellationToken)
    {
        _id.Value = consentId;
        await using var reader = await _command.ExecuteReaderAsync(CommandBehavior.SingleRow, cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new ConsentState(
            consentId,
            reader.GetString(0),
            (byte[])reader.GetValue(1),
            reader.GetString(2),
            Enum.Parse<ConsentPurpose>(reader.GetString(3)),
            Enum.Parse<ConsentScope>(reader.GetString(4)),
            Utc(reader.GetDateTime(5)),
            reader.IsDBNull(6) ? null : Utc(reader.GetDateTime(6)),
            reader.GetInt32(7),
            reader.GetInt32(8),
            reader.IsDBNull(9) ? null : reader.GetString(9),
            reader.IsDBNull(10) ? null : (byte[])reader.GetValue(10),
            reader.IsDBNull(11) ? null : reader.GetString(11));
    }

    public void Dispose() => _command.Dispose();

    // Stored as UTC (UtcDateTimeConverter); SQLite keeps no kind.
    private static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);
}
