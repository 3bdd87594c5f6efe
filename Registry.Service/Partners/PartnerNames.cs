using System.Globalization;
using System.Text;

namespace Registry.Service.Partners;

/// <summary>
/// Partner names are unique as people read them, not as code points: "Acme", "ACME", " acme " and "Ａｃｍｅ" (full width)
/// are one name. The comparison key is the name in Unicode NFKC (compatibility forms folded), without format characters
/// (zero-width spaces, soft hyphens), with runs of white space collapsed to one space and trimmed, upper-cased
/// invariantly. It is stored next to the name, with a unique index: the database refuses a second partner of the same
/// key whatever raced it.
/// </summary>
/// <remarks>
/// Upper-casing is the invariant culture's simple mapping (no length-changing folds such as ß → SS), which is the same on
/// every machine and every .NET version the service runs on.
/// </remarks>
public static class PartnerNames
{
    /// <summary>The comparison key of <paramref name="name"/>; null when it is not valid Unicode (a lone surrogate).</summary>
    public static string? Key(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string composed;
        try
        {
            composed = name.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            return null;
        }

        var key = new StringBuilder(composed.Length);
        var pendingSpace = false;
        foreach (var c in composed)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = key.Length > 0;
                continue;
            }

            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format)
            {
                continue;
            }

            if (pendingSpace)
            {
                key.Append(' ');
                pendingSpace = false;
            }

            key.Append(char.ToUpperInvariant(c));
        }

        return key.ToString();
    }
}
