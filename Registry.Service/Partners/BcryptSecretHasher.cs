using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Registry.Service.Partners;

/// <summary>
/// BCrypt verification. An unknown key id is verified against a stand-in hash made at start with the configured work factor
/// (the factor of every key issued under this configuration), so that refusing it takes as long as refusing a wrong secret
/// for a key that exists. A key hashed with another factor (issued under an older configuration) costs what its own hash costs.
/// </summary>
public sealed class BcryptSecretHasher : IApiKeySecretHasher
{
    // A random secret nobody knows: the stand-in never verifies, whatever is presented.
    private readonly string _standIn;

    public BcryptSecretHasher(IOptions<ApiKeyOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _standIn = BCrypt.Net.BCrypt.HashPassword(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)), options.Value.BcryptWorkFactor);
    }

    public bool Verify(string secret, string? storedHash)
    {
        var matches = BCrypt.Net.BCrypt.Verify(secret, storedHash ?? _standIn);
        return matches && storedHash is not null;
    }
}
