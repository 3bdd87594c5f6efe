using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Registry.Service.Audit;
using Registry.Service.Identity;
using Registry.Service.Import;
using Registry.Service.Infrastructure;
using Registry.Service.Records;
using Registry.Service.Tests.Infrastructure;

namespace Registry.Service.Tests.Import;

/// <summary>
/// Reads what an import left in a test host's database through EF Core, on whichever provider the host runs, so the
/// import tests assert the same way on SQLite and PostgreSQL, and every record they read has gone through EF's mapping.
/// </summary>
internal sealed class ImportedData(RegistryAppFactory factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private bool IsPostgres => factory.PostgresConnectionString is not null;

    /// <summary>The records of a source, ordered by case number, with their subject links.</summary>
    public async Task<List<CourtRecord>> RecordsAsync(string sourceId)
    {
        await using var db = await CreateAsync();
        return await db.Records.AsNoTracking().Include(r => r.Subjects)
            .Where(r => r.SourceId == sourceId).OrderBy(r => r.CaseNumber).ToListAsync(Ct);
    }

    public async Task<long> CountRecordsAsync(string sourceId)
    {
        await using var db = await CreateAsync();
        return await db.Records.LongCountAsync(r => r.SourceId == sourceId, Ct);
    }

    public async Task<long> CountSubjectLinksAsync(string sourceId)
    {
        await using var db = await CreateAsync();
        return await db.RecordSubjects.LongCountAsync(s => db.Records.Any(r => r.Id == s.RecordId && r.SourceId == sourceId), Ct);
    }

    public async Task<long> CountAuditEntriesAsync()
    {
        await using var db = await CreateAsync();
        return await db.AuditEntries.LongCountAsync(Ct);
    }

    public async Task<long> CountJobsAsync()
    {
        await using var db = await CreateAsync();
        return await db.ImportJobs.LongCountAsync(Ct);
    }

    public async Task<ImportJob> JobAsync(string importId)
    {
        await using var db = await CreateAsync();
        return await db.ImportJobs.AsNoTracking().SingleAsync(j => j.Id == importId, Ct);
    }

    public async Task<ImportJob> JobOfSourceAsync(string sourceName)
    {
        await using var db = await CreateAsync();
        return await db.ImportJobs.AsNoTracking().SingleAsync(j => j.SourceName == sourceName, Ct);
    }

    /// <summary>The import's audit entries: detail → entry id.</summary>
    public async Task<Dictionary<string, string>> EntriesAsync(string importId)
    {
        await using var db = await CreateAsync();
        var prefix = $"import={importId};";
        return await db.AuditEntries.AsNoTracking()
            .Where(e => e.Action == AuditActions.RecordImport && e.Detail!.StartsWith(prefix))
            .ToDictionaryAsync(e => e.Detail!, e => e.Id, Ct);
    }

    /// <summary>The subject key the service derives from <paramref name="h1"/>.</summary>
    public SubjectKey KeyOf(byte[] h1) => factory.Services.GetRequiredService<SubjectKeyRing>().Derive(h1);

    /// <summary>
    /// Makes the database refuse (a trigger raising an error) every link to <paramref name="subjectKey"/>: a batch that
    /// holds it fails in its last statement, after the batch's other writes.
    /// </summary>
    public async Task RefuseLinksToAsync(byte[] subjectKey)
    {
        var hex = Convert.ToHexString(subjectKey);
        var name = "refuse_" + hex[..16].ToLowerInvariant();
        var sql = IsPostgres
            ? $"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$; " +
              $"CREATE TRIGGER {name} BEFORE INSERT ON record_subjects FOR EACH ROW WHEN (NEW.subjectkey = '\\x{hex}'::bytea) EXECUTE FUNCTION {name}();"
            : $"CREATE TRIGGER {name} BEFORE INSERT ON record_subjects WHEN NEW.SubjectKey = X'{hex}' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;";
        await using var db = await CreateAsync();
        await db.Database.ExecuteSqlRawAsync(sql, Ct);
    }

    private Task<RegistryDbContext> CreateAsync() =>
        factory.Services.GetRequiredService<IDbContextFactory<RegistryDbContext>>().CreateDbContextAsync(Ct);
}
