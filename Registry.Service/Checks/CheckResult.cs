using Registry.Service.Infrastructure;

namespace Registry.Service.Checks;

/// <summary>The answer to a check. <see cref="Summary"/> is set only under a SUMMARY consent when a record was found.</summary>
public sealed record CheckResult(bool RecordFound, CheckSummary? Summary, string AuditEntryId, int ConsentUsesRemaining);

/// <summary>What the records say, before the check is audited.</summary>
public sealed record CheckAnswer(bool RecordFound, CheckSummary? Summary)
{
    public static readonly CheckAnswer NoRecord = new(false, null);

    public static readonly CheckAnswer Found = new(true, null);
}

/// <summary>One item of a batch: its result, or the failure that is its answer.</summary>
public sealed record CheckItemOutcome(CheckResult? Result, RegistryException? Error);
