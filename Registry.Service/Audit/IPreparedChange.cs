using System.Data.Common;
using Registry.Service.Infrastructure;

namespace Registry.Service.Audit;

/// <summary>
/// A change that commits atomically with its audit entry and is applied by the audit writer itself, with a
/// prepared command on the writer's own connection (no EF, no savepoint on the straight path). The feature
/// that owns the data implements it (a check's consent use: <c>Consent.ConsentUse</c>); the writer only
/// knows this interface.
/// </summary>
public interface IPreparedChange
{
    /// <summary>
    /// What <see cref="Apply"/> returns when the caller's premise no longer holds and its call must be decided again (a
    /// check that turned out to repeat a request already answered): nothing written, no entry, and a receipt that says so
    /// (<see cref="AuditReceipt.IsWithdrawn"/>). Never a refusal reason.
    /// </summary>
    const string Withdrawn = "\u0000withdrawn";

    /// <summary>
    /// Applies the change inside <paramref name="transaction"/>; null when applied, otherwise the refusal reason
    /// (nothing written then, and the entry is recorded as refused with it). Synchronous: it runs on the audit
    /// writer's own thread.
    /// </summary>
    string? Apply(PreparedCommands commands, DbTransaction transaction);

    /// <summary>
    /// The entry's detail once <see cref="Apply"/> ran, when the change knows more than its caller did (an import batch's
    /// counts); null keeps the record's own detail.
    /// </summary>
    string? Detail => null;
}
