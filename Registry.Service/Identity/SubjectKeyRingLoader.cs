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

        if (!string.IsNullOrWhiteSpace(options.Secret))
        {
            return new SubjectKeyRing(options.KeyId, Decode(options.Secret, "Registry:SubjectKey:Secret"));
        }

        if (!string.IsNullOrWhiteSpace(options.KeyFile))
        {
            if (!File.Exists(options.KeyFile))
            {
                throw new InvalidOperationException($"Registry:SubjectKey:KeyFile '{options.KeyFile}' does not exist.");
            }

            return new SubjectKeyRing(options.KeyId, Decode(File.ReadAllText(options.KeyFile), "Registry:SubjectKey:KeyFile"));
        }

        var directory = DatabaseServiceCollectionExtensions.SqliteDirectory(database);
        if (!environment.IsDevelopment() || directory is null)
        {
            throw new InvalidOperationException(
                "No subject key is configured. Set Registry:SubjectKey:Secret (32 random bytes, base64) or Registry:SubjectKey:KeyFile, " +
                "e.g. the environment variable Registry__SubjectKey__Secret=$(openssl rand -base64 32). Only Development generates one.");
        }

        var path = Path.Combine(directory, DevelopmentKeyFileName);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(directory);
            SecretFile.WriteNew(path, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) + "\n");
        }

        return new SubjectKeyRing(options.KeyId, Decode(File.ReadAllText(path), path));
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
