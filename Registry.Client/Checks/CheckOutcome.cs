namespace Registry.Client.Checks;

/// <summary>The answer to a check.</summary>
/// <remarks>The numeric values equal the v1 contract's; a value a newer service sends passes through as an undefined number.</remarks>
public enum CheckOutcome
{
    /// <summary>No disclosable record.</summary>
    NoRecord = 1,

    /// <summary>At least one disclosable record.</summary>
    RecordFound = 2,
}
