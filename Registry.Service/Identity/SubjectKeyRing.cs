using System.Security.Cryptography;

namespace Registry.Service.Identity;

/// <summary>Derives subject keys HMAC-SHA256(K, h1) with the configured key K (spec §2).</summary>
public sealed class SubjectKeyRing
{
    public const int H1Length = 32;

    private readonly byte[] _key;

    public SubjectKeyRing(string keyId, byte[] key)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyId);
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length != 32)
        {
            throw new ArgumentException($"The subject key K must be 32 bytes, not {key.Length}.", nameof(key));
        }

        KeyId = keyId;
        _key = key;
    }

    public string KeyId { get; }

    public SubjectKey Derive(ReadOnlySpan<byte> h1)
    {
        if (h1.Length != H1Length)
        {
            throw new ArgumentException($"h1 must be {H1Length} bytes.", nameof(h1));
        }

        return new SubjectKey(HMACSHA256.HashData(_key, h1), KeyId);
    }
}
