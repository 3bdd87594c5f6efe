namespace Registry.Client.Audit;

/// <summary>The checkpoint verifier key auditors pin.</summary>
/// <remarks>Built by the client from the service's answers; tests build it with <see cref="RegistryModelFactory"/>.</remarks>
public sealed class AuditPublicKey
{
    internal AuditPublicKey(string verifierKey, string origin)
    {
        VerifierKey = verifierKey;
        Origin = origin;
    }

    /// <summary>Gets the C2SP signed-note verifier key: <c>&lt;name&gt;+&lt;hex key id&gt;+&lt;base64 key&gt;</c>.</summary>
    public string VerifierKey { get; }

    /// <summary>Gets the checkpoint origin line.</summary>
    public string Origin { get; }
}
