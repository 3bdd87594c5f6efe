using Registry.Service.Infrastructure;

namespace Registry.Service.Checks;

/// <summary>
/// The answer to a check. <see cref="Summary"/> is set only under a SUMMARY consent when a record was found;
/// <see cref="Replayed"/> when it is a retry given the first answer under the first entry, with nothing written (<see cref="CheckRepeats"/>).
/// </summary>
public sealed record CheckResult(bool RecordFound, CheckSummary? Summary, string AuditEntryId, int ConsentUsesRemaining, bool Replayed = false);

/// <summary>What the records say, before the check is audited.</summary>
public sealed record CheckAnswer(bool RecordFound, CheckSummary? Summary)
{
    public static readonly CheckAnswer NoRecord = new(false, null);

    public static readonly CheckAnswer Found = new(true, null);
}

/// <summary>One item of a batch: its result, or the failure that is its answer.</summary>
public sealed record CheckItemOutcome(CheckResult? Result, RegistryException? Error);
