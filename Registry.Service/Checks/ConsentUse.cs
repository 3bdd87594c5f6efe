namespace Registry.Service.Checks;

/// <summary>
/// One use of a consent by a check, counted in the same transaction as the check's audit entry
/// (<see cref="Audit.IAuditLog.AppendCheckAsync"/>). Data rather than a delegate: the audit writer applies
/// every use of a batch with one prepared statement on its own connection.
/// </summary>
/// <param name="ConsentId">The consent to use.</param>
/// <param name="RequestId">The check's request id, remembered so that a retry is recognised (<see cref="CheckRepeats"/>).</param>
/// <param name="Now">The check's time: a consent that expired by then is not used.</param>
public sealed record ConsentUse(string ConsentId, string? RequestId, DateTime Now);
