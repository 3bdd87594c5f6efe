namespace Registry.Bench.Export;

/// <summary>The ways a row can be wrong (spec §6); a bad row is wrong in exactly one of them.</summary>
public enum BadRowKind
{
    IinChecksum,
    ImpossibleDate,
    UnknownCategory,
    UnknownStatus,
    UnknownRegion,
    ExpiryBeforeStart,
    MissingCaseNumber,
    NoUsableIdentity,
    FutureDecisionDate,
}
