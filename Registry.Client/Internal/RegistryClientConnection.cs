namespace Registry.Client.Internal;

/// <summary>Where and as whom a container's <see cref="RegistryClient"/> connects: the <c>Endpoint</c> and <c>ApiKey</c> keys of
/// its configuration section, bound and validated at start-up like the options.</summary>
internal sealed class RegistryClientConnection
{
    public string? Endpoint { get; set; }

    public string? ApiKey { get; set; }

    /// <summary>A credential given in code instead of <see cref="ApiKey"/>; never bound from configuration.</summary>
    internal RegistryApiKeyCredential? Credential { get; set; }
}
