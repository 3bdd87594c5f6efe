using System.Data.Common;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using Registry.Service.Infrastructure;
using Registry.Service.Records;

namespace Registry.Service.Import;

/// <summary>
/// The import's path on PostgreSQL, where every statement is a network round trip: a batch costs a handful of them
/// whatever its size, instead of three or four per row. One set-based read matches every row of the batch with its record
/// and the record's subject keys (the unique key index, then the links' primary key); updates are one
/// <c>UPDATE … FROM unnest(…)</c>, changed links one <c>DELETE … = ANY(…)</c>; new records take their ids from the records'
/// identity sequence in one statement and go in, with every new link, by binary COPY on the writer's connection, inside
/// its transaction. Values are converted as EF maps them (<see cref="CopyColumn"/>). The plans are read by
/// <c>PostgresImportPlanTests</c>; the figures are in docs/benchmarks.md ("Import on PostgreSQL").
/// </summary>
internal sealed class PostgresRecordImportCommands : IRecordImportCommands
{
    public const string FindSql =
        "SELECT k.Ord, r.Id, r.Category, r.Article, r.Region, r.Court, r.DecisionDate, r.EffectiveFrom, r.ExpiresAt, r.Status, r.CorrectedFrom, " +
        "ARRAY(SELECT s.SubjectKey FROM record_subjects AS s WHERE s.RecordId = r.Id) " +
        "FROM unnest(@sources, @cases) WITH ORDINALITY AS k(SourceId, CaseNumber, Ord) " +
        "INNER JOIN records AS r ON r.SourceId = k.SourceId AND r.CaseNumber = k.CaseNumber";

    public const string NextIdsSql = "SELECT nextval(pg_get_serial_sequence('records', 'id')) FROM generate_series(1, @count)";

    public const string UpdateSql =
        "UPDATE records AS r SET Category = u.Category, Article = u.Article, Region = u.Region, Court = u.Court, " +
        "DecisionDate = u.DecisionDate, EffectiveFrom = u.EffectiveFrom, ExpiresAt = u.ExpiresAt, Status = u.Status, " +
        "UpdatedAt = @now, Version = u.Version, CorrectedFrom = NULL " +
        "FROM unnest(@ids, @categories, @articles, @regions, @courts, @decisions, @froms, @expires, @statuses, @versions) " +
        "AS u(Id, Category, Article, Region, Court, DecisionDate, EffectiveFrom, ExpiresAt, Status, Version) WHERE r.Id = u.Id";

    public const string DeleteSubjectsSql = "DELETE FROM record_subjects WHERE RecordId = ANY(@ids)";

    /// <summary>
    /// Sent before every find. During a first import the planner works from statistics autovacuum gathered
    /// when the tables were a fraction of their size (it re-analyzes every 10 % of growth): it then expects ~500 links a
    /// record, the find's estimated cost passes <c>jit_above_cost</c> although it probes two indexes, and PostgreSQL
    /// JIT-compiles it with full optimisation on every execution, ~100 ms a batch (44 % of the server's CPU in a profile of
    /// a 200,000-row import). JIT pays off only for long analytical queries, never for this connection's short statements.
    /// Session-wide, so the batch's update and link delete run without it too; re-sent each time (a round trip of well
    /// under 1 % of a batch), because a SET inside a transaction that rolls back is undone. Not in one NpgsqlBatch with the
    /// find: Npgsql 10.0.3 loses the connection ("Exception while reading from stream") on the second, auto-prepared run of
    /// such a batch.
    /// </summary>
    public const string NoJitSql = "SET jit = off";

    private readonly NpgsqlConnection _connection;
    private readonly RecordColumns _columns;
    private readonly string _copyRecordsSql;
    private readonly string _copySubjectsSql;
    private readonly NpgsqlCommand _noJit;
    private readonly NpgsqlCommand _find;
    private readonly NpgsqlParameter _findSources;
    private readonly NpgsqlParameter _findCases;
    private readonly NpgsqlCommand _nextIds;
    private readonly NpgsqlParameter _nextIdsCount;
    private readonly NpgsqlCommand _update;
    private readonly NpgsqlParameter[] _updateArrays;
    private readonly ModelParameter _updateNow;
    private readonly NpgsqlCommand _deleteSubjects;
    private readonly NpgsqlParameter _deleteSubjectsIds;

    public PostgresRecordImportCommands(NpgsqlConnection connection, IModel model)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(model);
        _connection = connection;
        var c = _columns = new RecordColumns(model);
        _copyRecordsSql = CopySql("records", c.Id, c.SourceId, c.CaseNumber, c.Category, c.Article, c.Region, c.Court, c.DecisionDate,
            c.EffectiveFrom, c.ExpiresAt, c.Status, c.CreatedAt, c.UpdatedAt, c.Version);
        _copySubjectsSql = CopySql("record_subjects", c.RecordId, c.SubjectKey, c.SubjectKeyId, c.SubjectPrefix);

        _noJit = new NpgsqlCommand(NoJitSql, connection);
        _find = new NpgsqlCommand(FindSql, connection);
        _findSources = c.SourceId.AddArray(_find, "@sources");
        _findCases = c.CaseNumber.AddArray(_find, "@cases");

        _nextIds = new NpgsqlCommand(NextIdsSql, connection);
        _nextIdsCount = _nextIds.Parameters.Add(new NpgsqlParameter<int> { ParameterName = "@count" });

        _update = new NpgsqlCommand(UpdateSql, connection);
        _updateArrays =
        [
            c.Id.AddArray(_update, "@ids"), c.Category.AddArray(_update, "@categories"), c.Article.AddArray(_update, "@articles"),
            c.Region.AddArray(_update, "@regions"), c.Court.AddArray(_update, "@courts"), c.DecisionDate.AddArray(_update, "@decisions"),
            c.EffectiveFrom.AddArray(_update, "@froms"), c.ExpiresAt.AddArray(_update, "@expires"), c.Status.AddArray(_update, "@statuses"),
            c.Version.AddArray(_update, "@versions"),
        ];
        _updateNow = ModelParameter.Add<CourtRecord>(_update, model, "@now", nameof(CourtRecord.UpdatedAt));

        _deleteSubjects = new NpgsqlCommand(DeleteSubjectsSql, connection);
        _deleteSubjectsIds = c.RecordId.AddArray(_deleteSubjects, "@ids");
    }

    public ImportBatchCounts Classify(IReadOnlyList<ImportRow> rows, IReadOnlyList<ImportRejection> rejected)
    {
        var stored = Find(rows, transaction: null);
        return ImportBatchChange.Classify(rows, rejected, i => stored[i], write: null);
    }

    public ImportBatchCounts Apply(IReadOnlyList<ImportRow> rows, IReadOnlyList<ImportRejection> rejected, DateTime now, DbTransaction transaction)
    {
        var stored = Find(rows, transaction);
        var inserts = new List<ImportRow>();
        var updates = new List<(ImportRow Row, StoredRecord Stored)>();
        var counts = ImportBatchChange.Classify(rows, rejected, i => stored[i], (row, record) =>
        {
            if (record is null)
            {
                inserts.Add(row);
            }
            else
            {
                updates.Add((row, record));
            }
        });

        var links = new List<(long RecordId, Identity.SubjectKey Key)>();
        if (updates.Count > 0)
        {
            Update(updates, now, transaction);
            var replaced = updates.Where(u => !ImportBatchChange.SameSubjects(u.Row, u.Stored)).ToList();
            if (replaced.Count > 0)
            {
                _deleteSubjects.Transaction = (NpgsqlTransaction)transaction;
                _columns.RecordId.Set(_deleteSubjectsIds, replaced, u => u.Stored.Id);
                _deleteSubjects.ExecuteNonQuery();
                links.AddRange(replaced.SelectMany(u => u.Row.Subjects.Select(k => (u.Stored.Id, k))));
            }
        }

        if (inserts.Count > 0)
        {
            var ids = NextIds(inserts.Count, transaction);
            CopyRecords(inserts, ids, now);
            links.AddRange(inserts.SelectMany((row, i) => row.Subjects.Select(k => (ids[i], k))));
        }

        if (links.Count > 0)
        {
            CopySubjects(links);
        }

        return counts;
    }

    public void Dispose()
    {
        _noJit.Dispose();
        _find.Dispose();
        _nextIds.Dispose();
        _update.Dispose();
        _deleteSubjects.Dispose();
    }

    /// <summary>The stored record of each row (by the row's index), or null for a new key: one statement for the batch.</summary>
    private StoredRecord?[] Find(IReadOnlyList<ImportRow> rows, DbTransaction? transaction)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var stored = new StoredRecord?[rows.Count];
        if (rows.Count == 0)
        {
            return stored;
        }

        _noJit.Transaction = (NpgsqlTransaction?)transaction;
        _noJit.ExecuteNonQuery();
        _find.Transaction = (NpgsqlTransaction?)transaction;
        _columns.SourceId.Set(_findSources, rows, r => r.SourceId);
        _columns.CaseNumber.Set(_findCases, rows, r => r.CaseNumber);
        using var reader = _find.ExecuteReader();
        while (reader.Read())
        {
            stored[reader.GetInt64(0) - 1] = StoredRecord.Read(reader, 1).WithKeys(reader.GetFieldValue<byte[][]>(11));
        }

        return stored;
    }

    private long[] NextIds(int count, DbTransaction transaction)
    {
        _nextIds.Transaction = (NpgsqlTransaction)transaction;
        _nextIdsCount.Value = count;
        var ids = new long[count];
        var n = 0;
        using (var reader = _nextIds.ExecuteReader())
        {
            while (reader.Read())
            {
                ids[n++] = reader.GetInt64(0);
            }
        }

        return n == count ? ids : throw new InvalidOperationException($"The records' sequence gave {n} ids, not {count}.");
    }

    private void Update(List<(ImportRow Row, StoredRecord Stored)> updates, DateTime now, DbTransaction transaction)
    {
        var c = _columns;
        var a = _updateArrays;
        _update.Transaction = (NpgsqlTransaction)transaction;
        c.Id.Set(a[0], updates, u => u.Stored.Id);
        c.Category.Set(a[1], updates, u => u.Row.Category);
        c.Article.Set(a[2], updates, u => u.Row.Article);
        c.Region.Set(a[3], updates, u => u.Row.Region);
        c.Court.Set(a[4], updates, u => u.Row.Court);
        c.DecisionDate.Set(a[5], updates, u => u.Row.DecisionDate);
        c.EffectiveFrom.Set(a[6], updates, u => u.Row.EffectiveFrom);
        c.ExpiresAt.Set(a[7], updates, u => u.Row.ExpiresAt);
        c.Status.Set(a[8], updates, u => u.Row.Status);
        c.Version.Set(a[9], updates, _ => Guid.NewGuid());
        _updateNow.Set(now);
        var updated = _update.ExecuteNonQuery();
        if (updated != updates.Count)
        {
            throw new InvalidOperationException($"{updated} of {updates.Count} records were updated: a record was deleted meanwhile.");
        }
    }

    private void CopyRecords(List<ImportRow> rows, long[] ids, DateTime now)
    {
        var c = _columns;
        using var importer = _connection.BeginBinaryImport(_copyRecordsSql);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            importer.StartRow();
            c.Id.Write(importer, ids[i]);
            c.SourceId.Write(importer, row.SourceId);
            c.CaseNumber.Write(importer, row.CaseNumber);
            c.Category.Write(importer, row.Category);
            c.Article.Write(importer, row.Article);
            c.Region.Write(importer, row.Region);
            c.Court.Write(importer, row.Court);
            c.DecisionDate.Write(importer, row.DecisionDate);
            c.EffectiveFrom.Write(importer, row.EffectiveFrom);
            c.ExpiresAt.Write(importer, row.ExpiresAt);
            c.Status.Write(importer, row.Status);
            c.CreatedAt.Write(importer, now);
            c.UpdatedAt.Write(importer, now);
            c.Version.Write(importer, Guid.NewGuid());
        }

        importer.Complete();
    }

    private void CopySubjects(List<(long RecordId, Identity.SubjectKey Key)> links)
    {
        var c = _columns;
        using var importer = _connection.BeginBinaryImport(_copySubjectsSql);
        foreach (var (recordId, key) in links)
        {
            importer.StartRow();
            c.RecordId.Write(importer, recordId);
            c.SubjectKey.Write(importer, key.Value);
            c.SubjectKeyId.Write(importer, key.KeyId);
            c.SubjectPrefix.Write(importer, RecordSubject.PrefixOf(key.Value));
        }

        importer.Complete();
    }

    private static string CopySql(string table, params CopyColumn[] columns) =>
        $"COPY {table} ({string.Join(", ", columns.Select(c => c.Name))}) FROM STDIN (FORMAT BINARY)";

    /// <summary>The columns the import writes, each mapped as EF maps it.</summary>
    private sealed class RecordColumns(IModel model)
    {
        public CopyColumn Id { get; } = CopyColumn.Of<CourtRecord>(model, nameof(CourtRecord.Id));
        public CopyColumn SourceId { get; } = CopyColumn.Of<CourtRecord>(model, nameof(CourtRecord.SourceId));
        public CopyColumn CaseNumber { get; } = CopyColumn.Of<CourtRecord>(model, nameof(CourtRecord.CaseNumber));
        public CopyColumn Category { get; } = CopyColumn.Of<CourtRecord>(model, nameof(CourtRecord.Category));
        public CopyColumn Article { get; } = CopyColumn.Of<CourtRecord>(model, nameof(CourtRecord.Article));
        public CopyColumn Region { get; } = CopyColumn.Of<CourtRecord>(model, nameof(CourtRecord.Region));
        public CopyColumn Court { get; } = CopyColumn.Of<CourtRecord>(model, nameof(CourtRecord.Court));
        public CopyColumn DecisionDate { get; } = CopyColumn.Of<CourtRecord>(model, nameof(CourtRecord.DecisionDate));
        public CopyColumn EffectiveFrom { get; } = CopyColumn.Of<CourtRecord>(model, nameof(CourtRecord.EffectiveFrom));
        public CopyColumn ExpiresAt { get; } = CopyColumn.Of<CourtRecord>(model, nameof(CourtRecord.ExpiresAt));
        public CopyColumn Status { get; } = CopyColumn.Of<CourtRecord>(model, nameof(CourtRecord.Status));
        public CopyColumn CreatedAt { get; } = CopyColumn.Of<CourtRecord>(model, nameof(CourtRecord.CreatedAt));
        public CopyColumn UpdatedAt { get; } = CopyColumn.Of<CourtRecord>(model, nameof(CourtRecord.UpdatedAt));
        public CopyColumn Version { get; } = CopyColumn.Of<CourtRecord>(model, nameof(CourtRecord.Version));
        public CopyColumn RecordId { get; } = CopyColumn.Of<RecordSubject>(model, nameof(RecordSubject.RecordId));
        public CopyColumn SubjectKey { get; } = CopyColumn.Of<RecordSubject>(model, nameof(RecordSubject.SubjectKey));
        public CopyColumn SubjectKeyId { get; } = CopyColumn.Of<RecordSubject>(model, nameof(RecordSubject.SubjectKeyId));
        public CopyColumn SubjectPrefix { get; } = CopyColumn.Of<RecordSubject>(model, nameof(RecordSubject.SubjectPrefix));
    }
}
