using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Registry.Client.Transparency;

namespace Registry.Cli.Commands.Audit;

/// <summary>
/// Reads the audit tables of a copy of the service's SQLite database, read-only, for offline verification.
/// Builds exactly the <see cref="AuditEntryData"/> the service's sequencer hashed (Registry.Service's
/// <c>AuditEntryMapping.ToData</c>): the stored instant read back as UTC, a null subject key as empty bytes.
/// </summary>
internal sealed class AuditDatabaseFile(string path)
{
    private const string EntriesSql =
        "SELECT Sequence, Id, RecordedAt, PartnerId, KeyId, ActorRole, Action, SubjectKey, SubjectKeyId, ConsentId, " +
        "Purpose, Outcome, Reason, RequestId, Detail, LeafHash FROM audit_entries WHERE Sequence IS NOT NULL ORDER BY Sequence";

    // Mode=ReadOnly: the auditor's copy is evidence and is never written, not even a journal or a WAL checkpoint.
    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadOnly,
        Pooling = false,
    }.ToString();

    /// <summary>The signed checkpoint notes, by tree size.</summary>
    public async Task<IReadOnlyList<string>> ReadCheckpointsAsync(CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT SignedNote FROM audit_checkpoints ORDER BY TreeSize";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var notes = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            notes.Add(reader.IsDBNull(0) ? string.Empty : reader.GetString(0));
        }

        return notes;
    }

    /// <summary>The sequenced rows in stored sequence order; unsequenced rows (not yet in the log) are skipped.</summary>
    public async IAsyncEnumerable<AuditLogRow> ReadRowsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = EntriesSql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return ToRow(reader);
        }
    }

    private static AuditLogRow ToRow(SqliteDataReader reader)
    {
        var entry = new AuditEntryData
        {
            EntryId = Text(reader, 1),
            RecordedAt = Instant(reader, 2),
            PartnerId = Text(reader, 3),
            KeyId = Text(reader, 4),
            Role = Text(reader, 5),
            Action = Text(reader, 6),
            SubjectKey = Bytes(reader, 7) ?? ReadOnlyMemory<byte>.Empty,
            SubjectKeyId = Text(reader, 8),
            ConsentId = Text(reader, 9),
            Purpose = Text(reader, 10),
            Outcome = Text(reader, 11),
            Reason = Text(reader, 12),
            RequestId = Text(reader, 13),
            Detail = Text(reader, 14),
        };
        return new AuditLogRow(reader.GetInt64(0), entry, Bytes(reader, 15) ?? []);
    }

    /// <summary>
    /// The stored instant as the service reads it (Microsoft.Data.Sqlite's text form, taken as UTC). A value that is
    /// not an instant at all was tampered with; it reads as the minimum and then fails its leaf hash as modified,
    /// rather than stopping verification with an exception.
    /// </summary>
    private static DateTimeOffset Instant(SqliteDataReader reader, int ordinal)
    {
        try
        {
            return reader.IsDBNull(ordinal)
                ? DateTimeOffset.MinValue
                : new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc));
        }
        catch (FormatException)
        {
            return DateTimeOffset.MinValue;
        }
    }

    private static string? Text(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static byte[]? Bytes(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<byte[]>(ordinal);
}
