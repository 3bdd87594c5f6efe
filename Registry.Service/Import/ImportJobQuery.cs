using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Registry.Service.Infrastructure;

namespace Registry.Service.Import;

/// <summary>
/// Lists import jobs for administrators, newest first (job ids are time-ordered, so the primary key serves the order and
/// the page boundary). A job the database still marks running but that has had no batch applied for twice the import idle
/// timeout is reported <see cref="ImportJobStatus.Abandoned"/>: its stream would have been ended by then
/// (<see cref="ImportOptions.IdleTimeout"/>), so the service that ran it stopped mid-stream. Nothing is written.
/// </summary>
public sealed class ImportJobQuery(IDbContextFactory<RegistryDbContext> contextFactory, IOptions<ImportOptions> options, TimeProvider timeProvider)
{
    public const int DefaultPageSize = 20;

    public const int MaxPageSize = 100;

    /// <param name="pageSize">1..<see cref="MaxPageSize"/>, or 0 for <see cref="DefaultPageSize"/>.</param>
    /// <param name="beforeImportId">Only jobs older than this one; null or empty for the newest.</param>
    public async Task<ImportJobPage> ListAsync(int pageSize, string? beforeImportId, CancellationToken cancellationToken)
    {
        var violations = new List<FieldViolation>();
        if (pageSize is < 0 or > MaxPageSize)
        {
            violations.Add(new FieldViolation("page_size", string.Create(CultureInfo.InvariantCulture, $"must be 0..{MaxPageSize} (0 means {DefaultPageSize})")));
        }

        var before = string.IsNullOrEmpty(beforeImportId) ? null : beforeImportId;
        if (before is not null && !ImportJobIds.IsValid(before))
        {
            violations.Add(new FieldViolation("before_import_id", "must be an import id: imp_ and 32 lower-case hex digits"));
        }

        RequestValidation.ThrowIfAny(violations);
        var take = pageSize == 0 ? DefaultPageSize : pageSize;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Set<ImportJob>().AsNoTracking();
        if (before is not null)
        {
            query = query.Where(j => j.Id.CompareTo(before) < 0);
        }

        var jobs = await query.OrderByDescending(j => j.Id).Take(take + 1).ToListAsync(cancellationToken);
        var abandonedBefore = timeProvider.GetUtcNow().UtcDateTime - (2 * options.Value.IdleTimeout);
        var listed = jobs.Take(take).Select(j => new ListedImportJob(j, StatusOf(j, abandonedBefore))).ToList();
        return new ImportJobPage(listed, jobs.Count > take);
    }

    private static string StatusOf(ImportJob job, DateTime abandonedBefore) =>
        job.Status == ImportJobStatus.Running && job.UpdatedAt < abandonedBefore ? ImportJobStatus.Abandoned : job.Status;
}

/// <summary>One page of <see cref="ImportJobQuery.ListAsync"/>, newest first.</summary>
public sealed record ImportJobPage(IReadOnlyList<ListedImportJob> Jobs, bool HasMore);

/// <summary>A stored job and the status it is listed with (<see cref="ImportJobStatus.Abandoned"/> is never stored).</summary>
public sealed record ListedImportJob(ImportJob Job, string Status);
