namespace Registry.Service.Checks;

/// <summary>The answer to a check. <see cref="Summary"/> is set only under a SUMMARY consent when a record was found.</summary>
public sealed record CheckResult(bool RecordFound, CheckSummary? Summary, string AuditEntryId, int ConsentUsesRemaining);
