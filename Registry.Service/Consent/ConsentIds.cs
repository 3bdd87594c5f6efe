using System.Buffers.Text;
using System.Security.Cryptography;

namespace Registry.Service.Consent;

/// <summary>Consent ids: <c>c_</c> + 192 random bits, base64url. Unguessable and opaque (spec §3).</summary>
public static class ConsentIds
{
    public static string New() => "c_" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(24));
}
