namespace Registry.Service.Consent;

/// <summary>The purposes of spec §3.</summary>
public enum ConsentPurpose
{
    DatingSafety = 1,
    PersonalSafety = 2,
    EmploymentScreening = 3,
    TenancyScreening = 4,
}
