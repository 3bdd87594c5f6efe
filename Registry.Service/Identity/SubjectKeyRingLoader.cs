using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Registry.Service.Infrastructure;

namespace Registry.Service.Identity;

/// <summary>
/// Loads K from configuration. In Development a missing key is generated once and kept beside the SQLite
/// database (owner-only permissions); anywhere else a missing key is a start-up error.
/// </summary>
public static class SubjectKeyRingLoader
{
    public const string DevelopmentKeyFileName = "subject-key.b64";

    public static SubjectKeyRing Load(SubjectKeyOptions options, DatabaseOptions database, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(environment);

        var (text, source) = ConfiguredSecret.Resolve(
            options.Secret, "Registry:SubjectKey:Secret", options.KeyFile, "Registry:SubjectKey:KeyFile", database, environment,
            DevelopmentKeyFileName, () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            "No subject key is configured. Set Registry:SubjectKey:Secret (32 random bytes, base64) or Registry:SubjectKey:KeyFile, " +
            "e.g. the environment variable Registry__SubjectKey__Secret=$(openssl rand -base64 32). Only Development generates one.");
        return new SubjectKeyRing(options.KeyId, Decode(text, source));
    }

    private static byte[] Decode(string base64, string source)
    {
        try
        {
            var key = Convert.FromBase64String(base64.Trim());
            return key.Length == 32
                ? key
                : throw new InvalidOperationException($"The subject key from {source} must decode to 32 bytes, not {key.Length}.");
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"The subject key from {source} is not valid base64.");
        }
    }
}
