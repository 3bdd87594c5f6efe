using System.Data.Common;

namespace Registry.Service.Import;

/// <summary>
/// The import's statements on one connection: match a batch's rows with their stored records, and apply them. Two
/// implementations, chosen by <see cref="ImportSchema"/> from the provider: <see cref="RecordImportCommands"/> (SQLite and
/// SQL Server: prepared statements row by row, which on an embedded database cost no round trip) and
/// <see cref="PostgresRecordImportCommands"/> (one set-based read for the whole batch, binary COPY for the new records).
/// Both decide each row by <see cref="ImportBatchChange.Classify"/>, so they classify alike.
/// </summary>
/// <remarks>Not thread-safe: used by the one caller of its connection (the audit writer, or a rented read session).</remarks>
internal interface IRecordImportCommands : IDisposable
{
    /// <summary>What importing the rows would do, writing nothing (a dry run, on a read session).</summary>
    ImportBatchCounts Classify(IReadOnlyList<ImportRow> rows, IReadOnlyList<ImportRejection> rejected);

    /// <summary>Classifies the rows and applies them in <paramref name="transaction"/>; what it did.</summary>
    ImportBatchCounts Apply(IReadOnlyList<ImportRow> rows, IReadOnlyList<ImportRejection> rejected, DateTime now, DbTransaction transaction);
}
