namespace PartnerApp;

/// <summary>Where a user is pointed when the registry holds a record (section <c>Help</c>); defaults for Kazakhstan.</summary>
public sealed class HelpOptions
{
    public const string SectionName = "Help";

    /// <summary>The lines shown with a found record, each a service and how to reach it.</summary>
    public IList<string> Lines { get; } =
    [
        "111: the national contact centre for families, women and children (free, 24 hours)",
        "112: emergency services, if you are in danger now",
        "Crisis centres for survivors of domestic violence give shelter, psychological and legal help in every region",
    ];
}
