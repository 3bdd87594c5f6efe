using System.Security.Cryptography;

namespace Registry.Service.Partners;

/// <summary>Partner ids: <c>p_</c> + 64 random bits in lower-case hex.</summary>
public static class PartnerIds
{
    public static string New() => "p_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
}
