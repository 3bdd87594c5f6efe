namespace Registry.Client.Consents;

/// <summary>Why a partner looks a subject up (spec §3); each partner is allowed a configured subset.</summary>
/// <remarks>The numeric values equal the v1 contract's; a value a newer service sends passes through as an undefined number.</remarks>
public enum Purpose
{
    /// <summary>A person checks someone before meeting them.</summary>
    DatingSafety = 1,

    /// <summary>A person at risk checks someone in their life.</summary>
    PersonalSafety = 2,

    /// <summary>An employer screens a candidate for a position of trust.</summary>
    EmploymentScreening = 3,

    /// <summary>A landlord screens a prospective tenant.</summary>
    TenancyScreening = 4,
}
