using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Registry.Service.Identity;
using Registry.Service.Infrastructure;

namespace Registry.Service.Audit;

/// <summary>
/// Auditor reads of the log: filtered queries, exports and checkpoints. Only sequenced entries are returned
/// (an entry is sequenced within about a second), so pages are stable and every returned entry is provable.
/// Each read opens its own context, so a call that reads nothing builds none.
/// </summary>
public sealed class AuditQueryHandler(IDbContextFactory<RegistryDbContext> contextFactory, AuditorCalls auditorCalls)
{
    public const int MaxPageSize = 1000;

    public async Task<(string AuditEntryId, IAsyncEnumerable<AuditPage> Pages)> QueryAsync(
        Caller caller, AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        Validate(query);
        var detail = string.Create(CultureInfo.InvariantCulture,
            $"from={query.From:O};to={query.To:O};partner={query.PartnerId};action={query.Action};outcome={query.Outcome};fromSeq={query.FromSequence};after={query.AfterSequence}");
        var id = await auditorCalls.RecordAsync(caller, AuditActions.AuditQuery, detail, cancellationToken, query.SubjectKey);
        return (id, PagesAsync(query, cancellationToken));
    }

    public async IAsyncEnumerable<IReadOnlyList<AuditEntry>> ExportAsync(
        long fromSequence, long? toSequence, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var after = fromSequence - 1;
        while (true)
        {
            var page = await db.AuditEntries.AsNoTracking()
                .Where(e => e.Sequence > after && (toSequence == null || e.Sequence <= toSequence))
                .OrderBy(e => e.Sequence).Take(MaxPageSize).ToListAsync(cancellationToken);
            if (page.Count == 0)
            {
                yield break;
            }

            yield return page;
            after = page[^1].Sequence!.Value;
        }
    }

    public async Task<IReadOnlyList<AuditCheckpoint>> CheckpointsAsync(long fromSize, long toSize, int max, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.AuditCheckpoints.AsNoTracking()
            .Where(c => c.TreeSize >= fromSize && c.TreeSize <= toSize)
            .OrderByDescending(c => c.TreeSize).Take(max).ToListAsync(cancellationToken);
    }

    private async IAsyncEnumerable<AuditPage> PagesAsync(AuditQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var after = query.AfterSequence ?? -1;
        var remaining = query.MaxEntries == 0 ? int.MaxValue : query.MaxEntries;
        while (remaining > 0)
        {
            var page = await PageQuery(db, query, after, Math.Min(query.PageSize, remaining)).ToListAsync(cancellationToken);
            if (page.Count == 0)
            {
                yield break;
            }

            after = page[^1].Sequence!.Value;
            remaining -= page.Count;
            yield return new AuditPage(page, after.ToString(CultureInfo.InvariantCulture));
            if (page.Count < query.PageSize)
            {
                yield break;
            }
        }
    }

    /// <summary>One page of a query: the filters, after a sequence number, in log order (tests read its plan).</summary>
    internal static IQueryable<AuditEntry> PageQuery(RegistryDbContext db, AuditQuery query, long after, int take) =>
        Filter(db, query).Where(e => e.Sequence > after).OrderBy(e => e.Sequence).Take(take);

    private static IQueryable<AuditEntry> Filter(RegistryDbContext db, AuditQuery query)
    {
        var entries = db.AuditEntries.AsNoTracking().Where(e => e.Sequence != null);
        if (query.From is { } from)
        {
            entries = entries.Where(e => e.RecordedAt >= from);
        }

        if (query.To is { } to)
        {
            entries = entries.Where(e => e.RecordedAt < to);
        }

        if (!string.IsNullOrEmpty(query.PartnerId))
        {
            entries = entries.Where(e => e.PartnerId == query.PartnerId);
        }

        if (!string.IsNullOrEmpty(query.Action))
        {
            entries = entries.Where(e => e.Action == query.Action);
        }

        if (!string.IsNullOrEmpty(query.Outcome))
        {
            entries = entries.Where(e => e.Outcome == query.Outcome);
        }

        if (query.SubjectKey is { } subject)
        {
            entries = entries.Where(e => e.SubjectKey == subject);
        }

        if (query.FromSequence > 0)
        {
            entries = entries.Where(e => e.Sequence >= query.FromSequence);
        }

        return entries;
    }

    private static void Validate(AuditQuery query)
    {
        if (query.PageSize is < 1 or > MaxPageSize)
        {
            throw AuditErrors.Invalid("page_size", $"must be 1..{MaxPageSize}");
        }

        if (query.From is { } from && query.To is { } to && from >= to)
        {
            throw AuditErrors.Invalid("filter.to", "must be after filter.from");
        }

        if (query.SubjectKey is { Length: not 32 })
        {
            throw AuditErrors.Invalid("filter.subject_key", "must be 32 bytes");
        }

        if (query.FromSequence < 0)
        {
            throw AuditErrors.Invalid("filter.from_sequence", "must not be negative");
        }

        if (query.MaxEntries < 0)
        {
            throw AuditErrors.Invalid("max_entries", "must not be negative");
        }
    }
}
