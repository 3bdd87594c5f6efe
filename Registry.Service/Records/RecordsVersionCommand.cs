using System.Data.Common;
using Registry.Service.Infrastructure;

namespace Registry.Service.Records;

/// <summary>
/// The two statements on <see cref="RecordsVersion"/>: a change to the records adds one in its own transaction
/// (<see cref="BumpSql"/>), and each replica reads it in the background (<see cref="RecordChangeWatch"/>). Plain ADO.NET,
/// the same SQL on every provider (unquoted names: PostgreSQL folds them to its lower-case columns).
/// </summary>
public sealed class RecordsVersionCommand : IDisposable
{
    /// <summary>
    /// What every statement that inserts, updates or deletes <c>records</c> or <c>record_subjects</c> must run in the same
    /// transaction; an administrator who edits those tables by hand runs it too, or the other replicas' checks may keep
    /// answering from what they read before for as long as they run (docs/operations.md).
    /// </summary>
    public const string BumpSql = "UPDATE records_version SET Version = Version + 1 WHERE Id = 1";

    public const string ReadSql = "SELECT Version FROM records_version WHERE Id = 1";

    private readonly DbCommand _bump;
    private readonly DbCommand _read;

    private RecordsVersionCommand(DbConnection connection)
    {
        _bump = connection.CreateCommand();
        _bump.CommandText = BumpSql;
        _read = connection.CreateCommand();
        _read.CommandText = ReadSql;
    }

    /// <summary>Counts a change to the records in <paramref name="transaction"/>. Synchronous: the audit writer's own thread runs it.</summary>
    public static void Bump(PreparedCommands commands, DbTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(commands);
        var command = commands.Get(static c => new RecordsVersionCommand(c))._bump;
        command.Transaction = transaction;
        if (command.ExecuteNonQuery() != 1)
        {
            throw new InvalidOperationException("The records_version row is missing: the database was not made by the service's migrations.");
        }
    }

    /// <summary>The version the database holds now.</summary>
    public static async Task<long> ReadAsync(ReadSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var command = session.Commands.Get(static c => new RecordsVersionCommand(c))._read;
        return await command.ExecuteScalarAsync(cancellationToken) is { } value and not DBNull
            ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)
            : throw new InvalidOperationException("The records_version row is missing: the database was not made by the service's migrations.");
    }

    public void Dispose()
    {
        _bump.Dispose();
        _read.Dispose();
    }
}
