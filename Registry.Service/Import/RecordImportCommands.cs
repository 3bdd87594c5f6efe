using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Metadata;
using Registry.Service.Identity;
using Registry.Service.Infrastructure;
using Registry.Service.Records;

namespace Registry.Service.Import;

/// <summary>
/// The import's path on SQLite and SQL Server: prepared statements on one connection, row by row. Find a record by its key
/// (the unique index on (SourceId, CaseNumber)), read its subject links (the primary key's prefix), insert or update it,
/// replace its links. On SQLite, while batches bring mostly new keys, the insert comes first
/// (<c>ON CONFLICT DO NOTHING RETURNING Id</c>) and a record is read only when its key is already stored. On an embedded
/// database a statement costs no round trip, and this path runs at the speed of the random subject-key index
/// (docs/benchmarks.md); PostgreSQL has its own (<see cref="PostgresRecordImportCommands"/>).
/// Every lookup is index-driven; the plans are checked by <c>CheckQueryPlanTests</c>.
/// </summary>
internal sealed class RecordImportCommands : IRecordImportCommands
{
    public const string FindSql =
        "SELECT Id, Category, Article, Region, Court, DecisionDate, EffectiveFrom, ExpiresAt, Status, CorrectedFrom FROM records " +
        "WHERE SourceId = @source AND CaseNumber = @case";

    public const string SubjectsSql = "SELECT SubjectKey FROM record_subjects WHERE RecordId = @id";

    private const string Columns = "Category, Article, Region, Court, DecisionDate, EffectiveFrom, ExpiresAt, Status";

    private readonly DbCommand _find;
    private readonly ModelParameter _findSource;
    private readonly ModelParameter _findCase;
    private readonly DbCommand _subjects;
    private readonly DbParameter _subjectsId;
    private readonly DbCommand _insert;
    private readonly RecordParameters _insertValues;
    private readonly ModelParameter _insertSource;
    private readonly ModelParameter _insertCase;
    private readonly ModelParameter _insertCreated;
    private readonly DbCommand _update;
    private readonly RecordParameters _updateValues;
    private readonly DbParameter _updateId;
    private readonly DbCommand _deleteSubjects;
    private readonly DbParameter _deleteSubjectsId;
    private readonly DbCommand _insertSubject;
    private readonly DbParameter _subjectRecord;
    private readonly DbParameter _subjectKey;
    private readonly DbParameter _subjectKeyId;
    private readonly DbParameter _subjectPrefix;
    private readonly bool _insertFirst;
    private bool _expectNewKeys = true; // what the last batch applied on this connection was: mostly new keys, or not

    public RecordImportCommands(DbConnection connection, IModel model, bool sqlServer)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(model);
        _find = connection.CreateCommand();
        _find.CommandText = FindSql;
        _findSource = ModelParameter.Add<CourtRecord>(_find, model, "@source", nameof(CourtRecord.SourceId));
        _findCase = ModelParameter.Add<CourtRecord>(_find, model, "@case", nameof(CourtRecord.CaseNumber));

        _subjects = connection.CreateCommand();
        _subjects.CommandText = SubjectsSql;
        _subjectsId = _subjects.AddParameter("@id", DbType.Int64);

        _insert = connection.CreateCommand();
        _insertValues = new RecordParameters(_insert, model);
        _insertSource = ModelParameter.Add<CourtRecord>(_insert, model, "@source", nameof(CourtRecord.SourceId));
        _insertCase = ModelParameter.Add<CourtRecord>(_insert, model, "@case", nameof(CourtRecord.CaseNumber));
        _insertCreated = ModelParameter.Add<CourtRecord>(_insert, model, "@created", nameof(CourtRecord.CreatedAt));
        var values = "@category, @article, @region, @court, @decision, @from, @expires, @status";
        // On SQLite the insert comes first and does nothing for a key already stored (the key's unique index is probed once,
        // not by a find and again by the insert); only then is the stored record read. SQL Server has no ON CONFLICT.
        _insertFirst = !sqlServer;
        _insert.CommandText = sqlServer
            ? $"INSERT INTO records (SourceId, CaseNumber, {Columns}, CreatedAt, UpdatedAt, Version) OUTPUT INSERTED.Id " +
              $"VALUES (@source, @case, {values}, @created, @updated, @version)"
            : $"INSERT INTO records (SourceId, CaseNumber, {Columns}, CreatedAt, UpdatedAt, Version) " +
              $"VALUES (@source, @case, {values}, @created, @updated, @version) ON CONFLICT (SourceId, CaseNumber) DO NOTHING RETURNING Id";

        _update = connection.CreateCommand();
        _updateValues = new RecordParameters(_update, model);
        _updateId = _update.AddParameter("@id", DbType.Int64);
        _update.CommandText =
            "UPDATE records SET Category = @category, Article = @article, Region = @region, Court = @court, DecisionDate = @decision, " +
            "EffectiveFrom = @from, ExpiresAt = @expires, Status = @status, UpdatedAt = @updated, Version = @version, CorrectedFrom = NULL " +
            "WHERE Id = @id";

        _deleteSubjects = connection.CreateCommand();
        _deleteSubjects.CommandText = "DELETE FROM record_subjects WHERE RecordId = @id";
        _deleteSubjectsId = _deleteSubjects.AddParameter("@id", DbType.Int64);

        _insertSubject = connection.CreateCommand();
        _insertSubject.CommandText = "INSERT INTO record_subjects (RecordId, SubjectKey, SubjectKeyId, SubjectPrefix) VALUES (@record, @key, @keyId, @prefix)";
        _subjectRecord = _insertSubject.AddParameter("@record", DbType.Int64);
        _subjectKey = _insertSubject.AddParameter("@key", DbType.Binary);
        _subjectKeyId = _insertSubject.AddParameter("@keyId", DbType.String);
        _subjectPrefix = _insertSubject.AddParameter("@prefix", DbType.Int64);
    }

    public ImportBatchCounts Classify(IReadOnlyList<ImportRow> rows, IReadOnlyList<ImportRejection> rejected)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return ImportBatchChange.Classify(rows, rejected, i => Find(rows[i].SourceId, rows[i].CaseNumber, transaction: null), write: null);
    }

    public ImportBatchCounts Apply(IReadOnlyList<ImportRow> rows, IReadOnlyList<ImportRejection> rejected, DateTime now, DbTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(rows);
        // Insert-first (SQLite, while the batches bring mostly new keys): a row whose key is new is inserted as it is looked
        // up (null: nothing was stored under its key, and now it is); only a stored record is read, classified and perhaps
        // updated. A re-import of stored rows would pay a refused insert per row, so it is found first instead.
        var insertFirst = _insertFirst && _expectNewKeys;
        var counts = ImportBatchChange.Classify(
            rows,
            rejected,
            i => insertFirst && TryInsert(rows[i], now, transaction) ? null : Find(rows[i].SourceId, rows[i].CaseNumber, transaction),
            (row, stored) =>
            {
                if (stored is not null)
                {
                    Update(stored.Id, row, !ImportBatchChange.SameSubjects(row, stored), now, transaction);
                }
                else if (!insertFirst)
                {
                    TryInsert(row, now, transaction);
                }
            });
        _expectNewKeys = counts.Inserted * 2 >= rows.Count;
        return counts;
    }

    /// <summary>The stored record with this key, or null.</summary>
    public StoredRecord? Find(string sourceId, string caseNumber, DbTransaction? transaction)
    {
        _find.Transaction = transaction;
        _findSource.Set(sourceId);
        _findCase.Set(caseNumber);
        StoredRecord stored;
        using (var reader = _find.ExecuteReader())
        {
            if (!reader.Read())
            {
                return null;
            }

            stored = StoredRecord.Read(reader, 0);
        }

        _subjects.Transaction = transaction;
        _subjectsId.Value = stored.Id;
        var keys = new List<byte[]>(2);
        using (var reader = _subjects.ExecuteReader())
        {
            while (reader.Read())
            {
                keys.Add((byte[])reader.GetValue(0));
            }
        }

        return stored.WithKeys([.. keys]);
    }

    /// <summary>
    /// Inserts the row as a new record with its subject links; false, and nothing written, when its key is stored
    /// (SQLite; on SQL Server the unique index throws instead).
    /// </summary>
    private bool TryInsert(ImportRow row, DateTime now, DbTransaction transaction)
    {
        _insert.Transaction = transaction;
        _insertSource.Set(row.SourceId);
        _insertCase.Set(row.CaseNumber);
        _insertCreated.Set(now);
        _insertValues.Set(row, now);
        if (_insert.ExecuteScalar() is not { } inserted)
        {
            return false;
        }

        InsertSubjects(Convert.ToInt64(inserted, System.Globalization.CultureInfo.InvariantCulture), row.Subjects, transaction);
        return true;
    }

    public void Update(long id, ImportRow row, bool subjectsChanged, DateTime now, DbTransaction transaction)
    {
        _update.Transaction = transaction;
        _updateValues.Set(row, now);
        _updateId.Value = id;
        _update.ExecuteNonQuery();
        if (subjectsChanged)
        {
            _deleteSubjects.Transaction = transaction;
            _deleteSubjectsId.Value = id;
            _deleteSubjects.ExecuteNonQuery();
            InsertSubjects(id, row.Subjects, transaction);
        }
    }

    public void Dispose()
    {
        _find.Dispose();
        _subjects.Dispose();
        _insert.Dispose();
        _update.Dispose();
        _deleteSubjects.Dispose();
        _insertSubject.Dispose();
    }

    private void InsertSubjects(long id, IReadOnlyList<SubjectKey> subjects, DbTransaction transaction)
    {
        _insertSubject.Transaction = transaction;
        _subjectRecord.Value = id;
        foreach (var subject in subjects)
        {
            _subjectKey.Value = subject.Value;
            _subjectKeyId.Value = subject.KeyId;
            _subjectPrefix.Value = RecordSubject.PrefixOf(subject.Value);
            _insertSubject.ExecuteNonQuery();
        }
    }

    /// <summary>The columns an import sets, bound like EF maps them.</summary>
    private sealed class RecordParameters(DbCommand command, IModel model)
    {
        private readonly ModelParameter _category = ModelParameter.Add<CourtRecord>(command, model, "@category", nameof(CourtRecord.Category));
        private readonly ModelParameter _article = ModelParameter.Add<CourtRecord>(command, model, "@article", nameof(CourtRecord.Article));
        private readonly ModelParameter _region = ModelParameter.Add<CourtRecord>(command, model, "@region", nameof(CourtRecord.Region));
        private readonly ModelParameter _court = ModelParameter.Add<CourtRecord>(command, model, "@court", nameof(CourtRecord.Court));
        private readonly ModelParameter _decision = ModelParameter.Add<CourtRecord>(command, model, "@decision", nameof(CourtRecord.DecisionDate));
        private readonly ModelParameter _from = ModelParameter.Add<CourtRecord>(command, model, "@from", nameof(CourtRecord.EffectiveFrom));
        private readonly ModelParameter _expires = ModelParameter.Add<CourtRecord>(command, model, "@expires", nameof(CourtRecord.ExpiresAt));
        private readonly ModelParameter _status = ModelParameter.Add<CourtRecord>(command, model, "@status", nameof(CourtRecord.Status));
        private readonly ModelParameter _updated = ModelParameter.Add<CourtRecord>(command, model, "@updated", nameof(CourtRecord.UpdatedAt));
        private readonly ModelParameter _version = ModelParameter.Add<CourtRecord>(command, model, "@version", nameof(CourtRecord.Version));

        public void Set(ImportRow row, DateTime now)
        {
            _category.Set(row.Category);
            _article.Set(row.Article);
            _region.Set(row.Region);
            _court.Set(row.Court);
            _decision.Set(row.DecisionDate);
            _from.Set(row.EffectiveFrom);
            _expires.Set(row.ExpiresAt);
            _status.Set(row.Status);
            _updated.Set(now);
            _version.Set(Guid.NewGuid());
        }
    }
}
