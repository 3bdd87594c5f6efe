using Registry.Client.Transparency;
using Registry.Service.Infrastructure;

namespace Registry.Service.Audit;

/// <summary>
/// Loads the checkpoint signing key from configuration. In Development a missing key is generated once and
/// kept beside the SQLite database (owner-only permissions), so that every replica on that file signs with
/// the same key; anywhere else a missing key is a start-up error, like a missing subject key.
/// </summary>
public static class AuditSigningKeyLoader
{
    public const string GeneratedKeyFileName = "audit-signing.key";

    public static NoteSigner Load(AuditOptions options, DatabaseOptions database, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(environment);

        var (text, source) = ConfiguredSecret.Resolve(
            options.SigningKey, "Registry:Audit:SigningKey", options.SigningKeyFile, "Registry:Audit:SigningKeyFile", database, environment,
            GeneratedKeyFileName, () => GenerateSignerKey(options.Origin),
            "No audit checkpoint signing key is configured. Set Registry:Audit:SigningKey (a C2SP note signer key, " +
            "PRIVATE+KEY+name+id+base64) or Registry:Audit:SigningKeyFile. Only Development generates one; " +
            "`registry audit keygen --origin <origin>` makes a key pair.");
        return Parse(text, source);
    }

    private static string GenerateSignerKey(string origin)
    {
        using var generated = NoteSigner.Generate(origin);
        return generated.ExportSignerKey();
    }

    private static NoteSigner Parse(string signerKey, string source)
    {
        try
        {
            return NoteSigner.FromSignerKey(signerKey.Trim());
        }
        catch (FormatException)
        {
            // The message names the source only: the key itself must never reach a log.
            throw new InvalidOperationException($"The audit signing key from {source} is not a valid C2SP Ed25519 signer key.");
        }
    }
}
