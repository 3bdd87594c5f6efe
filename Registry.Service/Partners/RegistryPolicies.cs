namespace Registry.Service.Partners;

/// <summary>The authorization policies, one per role (roles are disjoint, spec §1).</summary>
public static class RegistryPolicies
{
    public const string Partner = "partner";
    public const string Auditor = "auditor";
    public const string Admin = "admin";
}
