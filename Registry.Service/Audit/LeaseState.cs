namespace Registry.Service.Audit;

/// <summary>The outcome of an attempt to take or renew the sequencer lease.</summary>
public enum LeaseState
{
    HeldByOther,
    Renewed,
    Taken,
}
