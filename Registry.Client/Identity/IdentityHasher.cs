using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Registry.Client.Identity;

/// <summary>Computes the client hash <c>h1</c> of protocol v1 from a kind name and a normalised value.</summary>
/// <remarks>
/// <c>h1 = SHA-256(UTF-8("registry/identity/v1") 0x00 UTF-8(kind) 0x00 UTF-8(value))</c>. The hasher does not validate or
/// normalise the value: build a <see cref="SubjectIdentity"/> to get both. h1 is personal data (a pseudonym): never log it.
/// </remarks>
public static class IdentityHasher
{
    /// <summary>The domain-separation prefix of the v1 hash input.</summary>
    public const string Domain = "registry/identity/v1";

    /// <summary>The length of h1 in bytes.</summary>
    public const int HashLength = 32;

    private const int StackLimit = 512;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Computes h1 of an already normalised value.</summary>
    /// <param name="kindName">The kind name, <c>kz-iin</c> or <c>name-dob</c>.</param>
    /// <param name="normalizedValue">The normalised value, e.g. <c>900521389141</c>.</param>
    /// <returns>The 32-byte h1.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="kindName"/> is empty, or an argument contains U+0000 or is not valid UTF-16.</exception>
    public static byte[] ComputeH1(string kindName, string normalizedValue)
    {
        ArgumentException.ThrowIfNullOrEmpty(kindName);
        ArgumentNullException.ThrowIfNull(normalizedValue);
        if (kindName.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("The kind name must not contain U+0000, the field separator of the hash input.", nameof(kindName));
        }

        if (normalizedValue.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("The value must not contain U+0000, the field separator of the hash input.", nameof(normalizedValue));
        }

        var length = Domain.Length + 1 + StrictUtf8.GetByteCount(kindName) + 1 + StrictUtf8.GetByteCount(normalizedValue);
        byte[]? rented = null;
        var buffer = length <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            var written = Encoding.ASCII.GetBytes(Domain, buffer);
            buffer[written++] = 0;
            written += StrictUtf8.GetBytes(kindName, buffer[written..]);
            buffer[written++] = 0;
            written += StrictUtf8.GetBytes(normalizedValue, buffer[written..]);
            return SHA256.HashData(buffer[..written]);
        }
        finally
        {
            // The buffer holds a raw identifier; clear it before it goes back to the pool or off the stack.
            CryptographicOperations.ZeroMemory(buffer);
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
