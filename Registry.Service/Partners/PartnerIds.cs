using System.Security.Cryptography;

namespace Registry.Service.Partners;

/// <summary>Partner ids: <c>p_</c> + 64 random bits in lower-case hex.</summary>
public static class PartnerIds
{
    /// <summary>The longest partner id a caller may name (ours are 18 characters; the column holds 40).</summary>
    public const int MaxLength = 40;

    /// <summary>The longest API key id a caller may name (the column holds 32).</summary>
    public const int MaxKeyIdLength = 32;

    public static string New() => "p_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
}
