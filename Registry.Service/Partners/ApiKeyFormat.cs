using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Registry.Service.Partners;

/// <summary>API keys <c>rk_&lt;key id&gt;_&lt;secret&gt;</c>: a 16-hex-digit id and a 32-byte secret in hex.</summary>
public static class ApiKeyFormat
{
    private const string Prefix = "rk_";
    private const int KeyIdLength = 16;
    private const int SecretLength = 64;

    public static (string KeyId, string Secret, string ApiKey) Generate()
    {
        var keyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(KeyIdLength / 2));
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(SecretLength / 2));
        return (keyId, secret, $"{Prefix}{keyId}_{secret}");
    }

    public static bool TryParse(string? apiKey, [NotNullWhen(true)] out string? keyId, [NotNullWhen(true)] out string? secret)
    {
        keyId = null;
        secret = null;
        if (apiKey is null || apiKey.Length != Prefix.Length + KeyIdLength + 1 + SecretLength
            || !apiKey.StartsWith(Prefix, StringComparison.Ordinal) || apiKey[Prefix.Length + KeyIdLength] != '_')
        {
            return false;
        }

        var id = apiKey.Substring(Prefix.Length, KeyIdLength);
        var s = apiKey[(Prefix.Length + KeyIdLength + 1)..];
        if (!IsLowerHex(id) || !IsLowerHex(s))
        {
            return false;
        }

        keyId = id;
        secret = s;
        return true;
    }

    private static bool IsLowerHex(string value) => value.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));
}
