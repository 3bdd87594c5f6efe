namespace Registry.Client.Checks;

/// <summary>The category of a court or police record (spec §4).</summary>
/// <remarks>The numeric values equal the v1 contract's; a value a newer service sends passes through as an undefined number.</remarks>
public enum RecordCategory
{
    /// <summary>A protective order issued by the police (защитное предписание).</summary>
    ProtectiveOrder = 1,

    /// <summary>A court-issued restraining order.</summary>
    RestrainingOrder = 2,

    /// <summary>A domestic-violence administrative offense (КоАП РК).</summary>
    AdministrativeOffense = 3,

    /// <summary>A conviction for a violent crime (УК РК).</summary>
    CriminalConviction = 4,
}
