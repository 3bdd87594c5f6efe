namespace Registry.Client.Admin;

/// <summary>The legal status of a record; only active and expired records are ever disclosed.</summary>
/// <remarks>The numeric values equal the v1 contract's; a value a newer service sends passes through as an undefined number.</remarks>
public enum RecordStatus
{
    /// <summary>In force.</summary>
    Active = 1,

    /// <summary>Ended by the passage of time; still disclosable within its retention period.</summary>
    Expired = 2,

    /// <summary>Set aside on appeal; never disclosed.</summary>
    Overturned = 3,

    /// <summary>Removed by order; never disclosed.</summary>
    Expunged = 4,
}
