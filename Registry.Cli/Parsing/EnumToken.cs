using System.Globalization;

namespace Registry.Cli.Parsing;

/// <summary>
/// Reads the enum-like values of the command line (purposes, scopes, roles, evidence kinds). Every value is
/// accepted in kebab-case (<c>dating-safety</c>, the documented form), snake case or upper snake case
/// (<c>DATING_SAFETY</c>, the spec's form), case-insensitively; output always uses upper snake case.
/// </summary>
internal static class EnumToken
{
    /// <summary>The purposes of spec §3, in upper snake case.</summary>
    public static readonly IReadOnlyList<string> Purposes =
        ["DATING_SAFETY", "PERSONAL_SAFETY", "EMPLOYMENT_SCREENING", "TENANCY_SCREENING"];

    /// <summary>The consent scopes of spec §3.</summary>
    public static readonly IReadOnlyList<string> Scopes = ["PRESENCE", "SUMMARY"];

    /// <summary>The roles of spec §1.</summary>
    public static readonly IReadOnlyList<string> Roles = ["PARTNER", "AUDITOR", "ADMIN"];

    /// <summary>The evidence kinds of spec §3.</summary>
    public static readonly IReadOnlyList<string> EvidenceKinds = ["SMS_OTP", "DIGITAL_SIGNATURE", "IN_APP_ATTESTATION"];

    /// <summary>Normalises <paramref name="token"/> to upper snake case and checks it is one of <paramref name="allowed"/>.</summary>
    /// <returns>The canonical value, or null when it is not allowed.</returns>
    public static string? TryCanonical(string token, IReadOnlyList<string> allowed)
    {
        ArgumentNullException.ThrowIfNull(token);
        var canonical = token.Trim().Replace('-', '_').ToUpperInvariant();
        return allowed.Contains(canonical, StringComparer.Ordinal) ? canonical : null;
    }

    /// <summary>The kebab-case form shown in help and completions: <c>DATING_SAFETY</c> → <c>dating-safety</c>.</summary>
    public static string ToKebab(string canonical) =>
        canonical.Replace('_', '-').ToLowerInvariant();

    /// <summary>The C# member name of an upper-snake value: <c>DATING_SAFETY</c> → <c>DatingSafety</c>.</summary>
    public static string ToPascal(string canonical) =>
        string.Concat(canonical.Split('_', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part[..1] + part[1..].ToLower(CultureInfo.InvariantCulture)));

    /// <summary>The upper-snake form of a C# enum member name: <c>DatingSafety</c> → <c>DATING_SAFETY</c>.</summary>
    public static string FromPascal(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var builder = new System.Text.StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]) && !char.IsUpper(name[i - 1]))
            {
                builder.Append('_');
            }

            builder.Append(char.ToUpperInvariant(name[i]));
        }

        return builder.ToString();
    }

    /// <summary>A message listing the accepted values, for a parse error.</summary>
    public static string Expected(string what, string token, IReadOnlyList<string> allowed) =>
        $"'{token}' is not a valid {what}; expected one of: {string.Join(", ", allowed.Select(ToKebab))}.";
}
