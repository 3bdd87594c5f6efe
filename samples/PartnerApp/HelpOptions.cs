namespace PartnerApp;

/// <summary>Where a user is pointed when the registry holds a record (section <c>Help</c>).</summary>
public sealed class HelpOptions
{
    public const string SectionName = "Help";

    /// <summary>The lines shown when <c>Help:Lines</c> is not configured: Kazakhstan's.</summary>
    public static IReadOnlyList<string> KazakhstanLines { get; } =
    [
        "111: the national contact centre for families, women and children (free, 24 hours)",
        "112: emergency services, if you are in danger now",
        "Crisis centres for survivors of domestic violence give shelter, psychological and legal help in every region",
    ];

    /// <summary>The lines shown with a found record, each a service and how to reach it; replaces <see cref="KazakhstanLines"/> when set.</summary>
    public IList<string> Lines { get; } = [];
}
