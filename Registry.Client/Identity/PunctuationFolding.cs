using System.Buffers;

namespace Registry.Client.Identity;

/// <summary>The first step of v1 name normalisation: typographic apostrophes and dashes fold to ASCII <c>'</c> and <c>-</c>.</summary>
/// <remarks>
/// It runs before NFKC because NFKC would otherwise destroy one of them: U+00B4 (acute accent) becomes a space and a
/// combining acute, which the later filter turns into a word break. Every folded character is in the BMP, so the
/// fold maps UTF-16 code units one to one and never changes the length of the text.
/// </remarks>
internal static class PunctuationFolding
{
    /// <summary>The characters that fold to <c>'</c> (U+0027).</summary>
    /// <remarks>
    /// Left and right single quotation marks, modifier letter apostrophe, modifier letter prime, grave accent and acute
    /// accent. U+02BC and U+02B9 are letters (Lm), so before v1 final they were kept as themselves.
    /// </remarks>
    public const string Apostrophes = "\u2018\u2019\u02BC\u02B9\u0060\u00B4";

    /// <summary>The characters that fold to <c>-</c> (U+002D): U+2010 to U+2015 and the minus sign U+2212.</summary>
    public const string Dashes = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212";

    private static readonly SearchValues<char> Folded = SearchValues.Create(Apostrophes + Dashes);

    public static string Fold(string text)
    {
        var first = text.AsSpan().IndexOfAny(Folded);
        if (first < 0)
        {
            return text;
        }

        return string.Create(text.Length, (text, first), static (span, state) =>
        {
            state.text.AsSpan().CopyTo(span);
            for (var i = state.first; i < span.Length; i++)
            {
                span[i] = Fold(span[i]);
            }
        });
    }

    private static char Fold(char c) =>
        Apostrophes.Contains(c, StringComparison.Ordinal) ? '\''
        : Dashes.Contains(c, StringComparison.Ordinal) ? '-'
        : c;
}
