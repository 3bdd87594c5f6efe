using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Registry.Service.Infrastructure;

namespace Registry.Service.Audit;

/// <summary>
/// Writes each entry, together with its change, in one database transaction of its own. Correct and
/// simple; the group-commit writer replaces it where throughput matters.
/// </summary>
public sealed partial class TransactionalAuditLog(
    IDbContextFactory<RegistryDbContext> contextFactory,
    TimeProvider timeProvider,
    ILogger<TransactionalAuditLog> logger) : IAuditLog
{
    public async Task<AuditReceipt> AppendAsync(AuditRecord record, AuditedChange? change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        try
        {
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            var strategy = db.Database.CreateExecutionStrategy();
            return await strategy.ExecuteAsync(async ct =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var refusal = change is null ? null : await change(db, ct);
                if (refusal is not null)
                {
                    // A refused change writes nothing but its audit entry.
                    db.ChangeTracker.Clear();
                }

                var entry = AuditEntryFactory.Create(record, refusal, timeProvider.GetUtcNow());
                db.AuditEntries.Add(entry);
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                return new AuditReceipt(entry.Id, refusal);
            }, cancellationToken);
        }
        catch (Exception ex) when (ex is DbException or DbUpdateException or TimeoutException)
        {
            LogAuditWriteFailed(logger, record.Action, ex.GetType().Name);
            throw RegistryErrors.AuditUnavailable(ex);
        }
    }

    [LoggerMessage(EventId = 1501, EventName = nameof(LogAuditWriteFailed), Level = LogLevel.Error,
        Message = "The audit entry of a {Action} call could not be written ({Exception}); the call fails closed")]
    private static partial void LogAuditWriteFailed(ILogger logger, string action, string exception);
}
