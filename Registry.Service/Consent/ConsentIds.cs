using System.Buffers.Text;
using System.Security.Cryptography;

namespace Registry.Service.Consent;

/// <summary>Consent ids: <c>c_</c> + 192 random bits, base64url. Unguessable and opaque (spec §3).</summary>
public static class ConsentIds
{
    /// <summary>The longest consent id a caller may name (ours are 34 characters: <c>c_</c> and 32 base64url).</summary>
    public const int MaxLength = 64;

    public static string New() => "c_" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(24));
}
