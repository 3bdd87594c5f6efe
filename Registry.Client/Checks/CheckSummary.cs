namespace Registry.Client.Checks;

/// <summary>The minimal summary of a subject's disclosable records (spec §4); nothing else of a record is ever disclosed.</summary>
/// <remarks>Built by the client from the service's answers; tests build it with <see cref="RegistryModelFactory"/>.</remarks>
public sealed class CheckSummary
{
    internal CheckSummary(IReadOnlyList<CategorySummary> categories, bool isProtectiveOrderInForce)
    {
        Categories = categories;
        IsProtectiveOrderInForce = isProtectiveOrderInForce;
    }

    /// <summary>Gets one entry per category with disclosable records.</summary>
    public IReadOnlyList<CategorySummary> Categories { get; }

    /// <summary>Gets whether a protective or restraining order is in force today.</summary>
    public bool IsProtectiveOrderInForce { get; }
}
