using Microsoft.EntityFrameworkCore;
using Registry.Service.Audit;
using Registry.Service.Identity;
using Registry.Service.Infrastructure;

namespace Registry.Service.Checks;

/// <summary>
/// A check that repeats a request id the partner already had answered (an SDK retry after a lost response) is
/// answered again without using the consent again: the first answered entry with that request id decides.
/// </summary>
public static class CheckRepeats
{
    public const string RepeatedReason = "REPEATED_REQUEST";

    /// <summary>True when this partner already had a check with this request id answered under this consent and subject.</summary>
    /// <exception cref="RegistryException">FAILED_PRECONDITION REQUEST_ID_REUSED when the id was used for another consent or subject.</exception>
    public static async Task<bool> IsRepeatAsync(
        RegistryDbContext db, Caller caller, CheckCommand command, SubjectKey subject, CancellationToken cancellationToken)
    {
        if (command.RequestId is not { } requestId)
        {
            return false;
        }

        var earlier = await db.AuditEntries.AsNoTracking()
            .Where(e => e.PartnerId == caller.PartnerId && e.RequestId == requestId && e.Action == AuditActions.Check
                && (e.Outcome == AuditOutcomes.RecordFound || e.Outcome == AuditOutcomes.NoRecord))
            .OrderBy(e => e.RecordedAt)
            .Select(e => new { e.ConsentId, e.SubjectKey })
            .FirstOrDefaultAsync(cancellationToken);
        if (earlier is null)
        {
            return false;
        }

        return earlier.ConsentId == command.ConsentId && earlier.SubjectKey is { } key && subject.Matches(key)
            ? true
            : throw RegistryErrors.FailedPrecondition("REQUEST_ID_REUSED",
                $"Request id {requestId} was already used for another check; use a new request id for each check.");
    }
}
