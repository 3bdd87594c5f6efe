using System.Data.Common;
using Registry.Service.Audit;
using Registry.Service.Infrastructure;

namespace Registry.Service.Consent;

/// <summary>
/// One use of a consent by a check, counted in the same transaction as the check's audit entry
/// (<see cref="IAuditLog.AppendPreparedAsync"/>). Data rather than a delegate: the audit writer applies every
/// use of a batch with one prepared statement (<see cref="ConsentUseCommand"/>) on its own connection.
/// </summary>
/// <param name="ConsentId">The consent to use.</param>
/// <param name="RequestId">The check's request id, remembered so that a retry is recognised (<c>Checks.CheckRepeats</c>).</param>
/// <param name="Now">The check's time: a consent that expired by then is not used.</param>
/// <param name="AnswerDigest">The digest of the check's answer, remembered with the request id (<c>Checks.CheckRepeats</c>).</param>
/// <param name="AuditEntryId">The id of the check's audit entry (<see cref="AuditRecord.EntryId"/>): the receipt a retry is given again.</param>
public sealed record ConsentUse(string ConsentId, string? RequestId, DateTime Now, byte[]? AnswerDigest, string AuditEntryId) : IPreparedChange
{
    /// <summary>
    /// The consent's count of uses once this use was counted, as the database holds it (other replicas' uses included);
    /// 0 until <see cref="Apply"/> counted it. Set on the writer's thread before the caller's receipt completes.
    /// </summary>
    public int UsesAfter { get; private set; }

    public string? Apply(PreparedCommands commands, DbTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(commands);
        var (refusal, usesAfter) = commands.Get(static c => new ConsentUseCommand(c)).Apply(this, transaction);
        UsesAfter = usesAfter;
        return refusal;
    }
}
