namespace PartnerApp;

/// <summary>Where the registry is and how this app authenticates to it (section <c>Registry</c>).</summary>
public sealed class PartnerAppOptions
{
    public const string SectionName = "Registry";

    /// <summary>The service's address, e.g. <c>https://registry.example.kz</c>. Required.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>
    /// This app's partner key (<c>rk_…</c>), from a secret store or the environment (<c>Registry__ApiKey</c>), never from a
    /// file in the repository. Required.
    /// </summary>
    public string? ApiKey { get; set; }
}
