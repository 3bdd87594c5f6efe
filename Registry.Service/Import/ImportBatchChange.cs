using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using Registry.Service.Audit;
using Registry.Service.Infrastructure;
using Registry.Service.Records;

namespace Registry.Service.Import;

/// <summary>
/// One import batch, applied by the audit writer in the transaction that records its entry: all of its rows and its job's
/// counts, or nothing. Each row is matched by its key: absent → inserted, identical → unchanged, different → updated; the
/// court's unchanged export of a record an administrator corrected since is unchanged too (the correction stands); a row
/// that would change an expunged or overturned record is refused, because such a record is never disclosed again (an
/// export that still lists an overturned case as active must not bring it back; an administrator's correction can).
/// </summary>
internal sealed class ImportBatchChange(
    ImportSchema schema, string? jobId, long batchNumber, IReadOnlyList<ImportRow> rows, IReadOnlyList<ImportRejection> rejected, DateTime now)
    : IPreparedChange
{
    public ImportBatchCounts? Counts { get; private set; }

    public string? Detail => Counts is { } counts
        ? string.Create(CultureInfo.InvariantCulture,
            $"import={jobId};batch={batchNumber};inserted={counts.Inserted};updated={counts.Updated};unchanged={counts.Unchanged};rejected={counts.Rejections.Count}")
        : null;

    public string? Apply(PreparedCommands commands, DbTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(commands);
        Counts = null; // a retried attempt starts again from nothing
        Counts = schema.Records(commands).Apply(rows, rejected, now, transaction);
        if (Counts.Inserted + Counts.Updated > 0)
        {
            RecordsVersionCommand.Bump(commands, transaction);
        }
        if (jobId is not null)
        {
            schema.Jobs(commands).Execute(jobId, Counts, now, transaction);
        }

        return null;
    }

    /// <summary>
    /// Says what importing each row does, given its stored record (<paramref name="find"/>, by the row's index; null when
    /// the key is new); <paramref name="write"/> is told every row to insert (stored null) or update. The rule of both
    /// import paths (<see cref="IRecordImportCommands"/>).
    /// </summary>
    public static ImportBatchCounts Classify(
        IReadOnlyList<ImportRow> rows, IReadOnlyList<ImportRejection> rejected, Func<int, StoredRecord?> find, Action<ImportRow, StoredRecord?>? write)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(find);
        int inserted = 0, updated = 0, unchanged = 0;
        var rejections = new List<ImportRejection>(rejected);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var stored = find(i);
            if (stored is null)
            {
                inserted++;
            }
            else if (Same(row, stored) || IsCorrectedExport(row, stored))
            {
                unchanged++;
                continue;
            }
            else if (TerminalReason(stored.Status) is { } terminal)
            {
                rejections.Add(new ImportRejection(row.Line, "status", terminal));
                continue;
            }
            else
            {
                updated++;
            }

            write?.Invoke(row, stored);
        }

        rejections.Sort(static (a, b) => a.Line.CompareTo(b.Line));
        return new ImportBatchCounts(inserted, updated, unchanged, rejections);
    }

    /// <summary>Why a record in <paramref name="status"/> can no longer be changed by an import; null when it can.</summary>
    public static string? TerminalReason(RecordStatus status) => status switch
    {
        RecordStatus.Expunged => ExpungedReason,
        RecordStatus.Overturned => OverturnedReason,
        _ => null,
    };

    public const string ExpungedReason = "the record was expunged by an administrator; an import cannot change or restore it";

    public const string OverturnedReason =
        "the record is overturned and is never disclosed again; an import cannot change or restore it (an administrator can correct it)";

    /// <summary>
    /// Whether the row is the court's export of the record as it was when an administrator corrected it: the export has
    /// not changed since, so the correction stands (a changed export supersedes it and is an update).
    /// </summary>
    private static bool IsCorrectedExport(ImportRow row, StoredRecord stored) =>
        stored.CorrectedFrom is { } correctedFrom && CryptographicOperations.FixedTimeEquals(correctedFrom, Digest(row));

    public static byte[] Digest(ImportRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return RecordDigest.Of(row.Category, row.Article, row.Region, row.Court, row.DecisionDate, row.EffectiveFrom, row.ExpiresAt, row.Status,
            row.Subjects.Select(s => s.Value));
    }

    private static bool Same(ImportRow row, StoredRecord stored) =>
        row.Category == stored.Category
        && row.Article == stored.Article
        && row.Region == stored.Region
        && row.Court == stored.Court
        && row.DecisionDate == stored.DecisionDate
        && row.EffectiveFrom == stored.EffectiveFrom
        && row.ExpiresAt == stored.ExpiresAt
        && row.Status == stored.Status
        && SameSubjects(row, stored);

    /// <summary>Whether the row links the same subject keys as its record: when not, an update replaces the links.</summary>
    public static bool SameSubjects(ImportRow row, StoredRecord stored)
    {
        if (row.Subjects.Count != stored.SubjectKeys.Count)
        {
            return false;
        }

        for (var i = 0; i < row.Subjects.Count; i++)
        {
            if (!row.Subjects[i].Value.AsSpan().SequenceEqual(stored.SubjectKeys[i]))
            {
                return false;
            }
        }

        return true;
    }
}
