using System.Data;
using System.Data.Common;
using Registry.Service.Infrastructure;

namespace Registry.Service.Records;

/// <summary>
/// Reads the facts of every record linked to one subject key: a prepared join driven by the
/// <c>record_subjects</c> subject-prefix index (<see cref="RecordSubject.SubjectPrefix"/>; the whole key is compared on the
/// rows it finds), then the records' primary key; never a scan
/// (<c>CheckQueryPlanTests</c> reads the plan on a database of realistic size). Plain ADO.NET on a pooled
/// read connection (<see cref="ReadSessionPool"/>).
/// </summary>
internal sealed class RecordFactsLookupCommand : IDisposable
{
    public const string Sql =
        "SELECT r.Category, r.Status, r.DecisionDate, r.EffectiveFrom, r.ExpiresAt " +
        "FROM record_subjects AS s INNER JOIN records AS r ON r.Id = s.RecordId WHERE s.SubjectPrefix = @prefix AND s.SubjectKey = @key";

    private static readonly IReadOnlyList<RecordFacts> None = [];

    private readonly DbCommand _command;
    private readonly DbParameter _prefix;
    private readonly DbParameter _key;

    public RecordFactsLookupCommand(DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _command = connection.CreateCommand();
        _command.CommandText = Sql;
        _prefix = _command.AddParameter("@prefix", DbType.Int64);
        _key = _command.AddParameter("@key", DbType.Binary);
    }

    public static Task<IReadOnlyList<RecordFacts>> FindAsync(ReadSession session, byte[] subjectKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session.Commands.Get(static c => new RecordFactsLookupCommand(c)).FindAsync(subjectKey, cancellationToken);
    }

    public async Task<IReadOnlyList<RecordFacts>> FindAsync(byte[] subjectKey, CancellationToken cancellationToken)
    {
        _prefix.Value = RecordSubject.PrefixOf(subjectKey);
        _key.Value = subjectKey;
        await using var reader = await _command.ExecuteReaderAsync(cancellationToken);
        List<RecordFacts>? facts = null;
        while (await reader.ReadAsync(cancellationToken))
        {
            (facts ??= []).Add(new RecordFacts(
                Enum.Parse<RecordCategory>(reader.GetString(0)),
                Enum.Parse<RecordStatus>(reader.GetString(1)),
                reader.GetFieldValue<DateOnly>(2),
                reader.IsDBNull(3) ? null : reader.GetFieldValue<DateOnly>(3),
                reader.IsDBNull(4) ? null : reader.GetFieldValue<DateOnly>(4)));
        }

        return facts ?? None;
    }

    public void Dispose() => _command.Dispose();
}
