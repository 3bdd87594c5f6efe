using System.Text;
using Registry.Service.Consent;
using Registry.Service.Partners;

namespace Registry.Service.Audit;

/// <summary>
/// The strings audit entries store for roles and purposes — the ones the canonical encoding hashes
/// (docs/audit.md): <c>ROLE_PARTNER</c>, <c>DATING_SAFETY</c>; the service itself has an empty role.
/// </summary>
public static class AuditNames
{
    public static string Role(PartnerRole role) => "ROLE_" + UpperSnake(role.ToString());

    public static string Purpose(ConsentPurpose purpose) => UpperSnake(purpose.ToString());

    /// <summary>The role an entry's role name stands for; null for the service itself or an unknown name.</summary>
    public static PartnerRole? ParseRole(string? name) =>
        Enum.GetValues<PartnerRole>().Select(r => (PartnerRole?)r).FirstOrDefault(r => Role(r!.Value) == name);

    /// <summary>The purpose an entry's purpose name stands for; null when absent or unknown.</summary>
    public static ConsentPurpose? ParsePurpose(string? name) =>
        Enum.GetValues<ConsentPurpose>().Select(p => (ConsentPurpose?)p).FirstOrDefault(p => Purpose(p!.Value) == name);

    private static string UpperSnake(string pascal)
    {
        var builder = new StringBuilder(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            if (i > 0 && char.IsUpper(pascal[i]))
            {
                builder.Append('_');
            }

            builder.Append(char.ToUpperInvariant(pascal[i]));
        }

        return builder.ToString();
    }
}
