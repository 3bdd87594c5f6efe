using System.Data.Common;
using Registry.Service.Records;

namespace Registry.Service.Import;

/// <summary>A record as stored, with its subject keys sorted: what an imported row is compared against.</summary>
internal sealed record StoredRecord(
    long Id,
    RecordCategory Category,
    string? Article,
    string? Region,
    string? Court,
    DateOnly DecisionDate,
    DateOnly? EffectiveFrom,
    DateOnly? ExpiresAt,
    RecordStatus Status,
    byte[]? CorrectedFrom,
    IReadOnlyList<byte[]> SubjectKeys)
{
    /// <summary>
    /// The record in the columns from <paramref name="first"/> on (Id, Category, Article, Region, Court, DecisionDate,
    /// EffectiveFrom, ExpiresAt, Status, CorrectedFrom, as both import paths select them), its subject keys still to be
    /// added (<see cref="WithKeys"/>).
    /// </summary>
    public static StoredRecord Read(DbDataReader reader, int first)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return new StoredRecord(
            reader.GetInt64(first),
            Enum.Parse<RecordCategory>(reader.GetString(first + 1)),
            reader.IsDBNull(first + 2) ? null : reader.GetString(first + 2),
            reader.IsDBNull(first + 3) ? null : reader.GetString(first + 3),
            reader.IsDBNull(first + 4) ? null : reader.GetString(first + 4),
            reader.GetFieldValue<DateOnly>(first + 5),
            reader.IsDBNull(first + 6) ? null : reader.GetFieldValue<DateOnly>(first + 6),
            reader.IsDBNull(first + 7) ? null : reader.GetFieldValue<DateOnly>(first + 7),
            Enum.Parse<RecordStatus>(reader.GetString(first + 8)),
            reader.IsDBNull(first + 9) ? null : (byte[])reader.GetValue(first + 9),
            []);
    }

    /// <summary>The record with its subject keys, sorted as an <see cref="ImportRow"/>'s are.</summary>
    public StoredRecord WithKeys(byte[][] subjectKeys)
    {
        ArgumentNullException.ThrowIfNull(subjectKeys);
        Array.Sort(subjectKeys, static (a, b) => a.AsSpan().SequenceCompareTo(b));
        return this with { SubjectKeys = subjectKeys };
    }
}
