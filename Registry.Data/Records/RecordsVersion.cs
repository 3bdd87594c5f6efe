namespace Registry.Service.Records;

/// <summary>
/// The one row that counts changes to the records a check reads: every statement that inserts, updates or deletes
/// records or their subject links adds one to <see cref="Version"/> in its own transaction. Each replica reads it in the
/// background and forgets the record facts it keeps in memory when it moves, so a change committed by any replica sharing
/// the database is seen by the checks of every other one within a bound (the service's <c>RecordFactsCache</c>).
/// </summary>
public sealed class RecordsVersion
{
    /// <summary>The key of the one row there is.</summary>
    public const int RowId = 1;

    public int Id { get; init; }

    public long Version { get; set; }
}
