namespace Registry.Service.Partners;

/// <summary>The disjoint roles of spec §1.</summary>
public enum PartnerRole
{
    Partner = 1,
    Auditor = 2,
    Admin = 3,
}
