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
    public string? Apply(PreparedCommands commands, DbTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(commands);
        return commands.Get(static c => new ConsentUseCommand(c)).Apply(this, transaction);
    }
}
