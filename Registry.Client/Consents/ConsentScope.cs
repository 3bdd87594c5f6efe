namespace Registry.Client.Consents;

/// <summary>How much a check under a consent may disclose (spec §4).</summary>
/// <remarks>The numeric values equal the v1 contract's; a value a newer service sends passes through as an undefined number.</remarks>
public enum ConsentScope
{
    /// <summary>Only whether a disclosable record exists.</summary>
    Presence = 1,

    /// <summary>Presence plus, per category, the count and latest decision date, and whether a protective order is in force.</summary>
    Summary = 2,
}
