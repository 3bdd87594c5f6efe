namespace Registry.Service.Partners;

/// <summary>First-start settings. Bound from <c>Registry:Bootstrap</c>.</summary>
public sealed class BootstrapOptions
{
    public const string SectionName = "Registry:Bootstrap";

    /// <summary>Where to write the first admin key as well (created owner-only; relative to the content root); not written when empty.</summary>
    public string? AdminKeyFile { get; set; }

    /// <summary>The name of the first admin partner; default <c>bootstrap-admin</c>.</summary>
    public string AdminName { get; set; } = "bootstrap-admin";
}
