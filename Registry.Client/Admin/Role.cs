namespace Registry.Client.Admin;

/// <summary>The role of a partner and of every API key it holds; roles are disjoint (spec §1).</summary>
/// <remarks>The numeric values equal the v1 contract's; a value a newer service sends passes through as an undefined number.</remarks>
public enum Role
{
    /// <summary>A partner app: grants consents and checks subjects.</summary>
    Partner = 1,

    /// <summary>An auditor: reads, exports and verifies the access log.</summary>
    Auditor = 2,

    /// <summary>An administrator: imports and corrects records, manages partners and keys.</summary>
    Admin = 3,
}
