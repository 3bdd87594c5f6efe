using System.Globalization;
using System.Text;

namespace Registry.Client.Identity;

/// <summary>Normalises a full name for the <c>name-dob</c> identity kind of protocol v1.</summary>
/// <remarks>
/// A name holding a code point that is unassigned in the runtime's Unicode data is rejected, so that its hash cannot change
/// when a later Unicode version assigns it. Then, in this order: typographic apostrophes (U+2018, U+2019, U+02BC, U+02B9,
/// U+0060, U+00B4) fold to <c>'</c> and dashes (U+2010 to U+2015, U+2212) to <c>-</c>; Unicode NFKC; culture-invariant
/// simple upper-casing (<see cref="string.ToUpperInvariant"/>); <c>Ё</c> to <c>Е</c>; every character that is not a letter
/// (Unicode L*), white space, <c>-</c> (U+002D) or <c>'</c> (U+0027) is dropped; every run of white space becomes one
/// U+0020 space; a space next to a hyphen is removed; leading and trailing spaces are trimmed.
/// There is no transliteration: Cyrillic and Latin spellings are different identities. See <c>docs/identity.md</c>.
/// </remarks>
public static class NameNormalizer
{
    /// <summary>The longest accepted normalised name, in UTF-16 code units.</summary>
    public const int MaxLength = 300;

    /// <summary>The Unicode version whose character data .NET 10 carries (<see cref="CharUnicodeInfo"/>), on which v1 is defined and tested.</summary>
    /// <remarks>A test pins it: when a runtime with newer data fails that test, review the vectors before moving on.</remarks>
    internal const string UnicodeVersion = "16.0";

    /// <summary>The longest accepted name before normalisation, in UTF-16 code units; longer input is rejected unread.</summary>
    public const int MaxInputLength = 1000;

    /// <summary>Normalises and validates a full name.</summary>
    /// <param name="fullName">The name as entered, e.g. <c>"Бекмұханов  Дәурен Серікұлы"</c>.</param>
    /// <returns>The normalised name, e.g. <c>"БЕКМҰХАНОВ ДӘУРЕН СЕРІКҰЛЫ"</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="fullName"/> is null.</exception>
    /// <exception cref="IdentityValidationException">The name is empty, has no letter, is too long, is not valid text or holds an unassigned code point.</exception>
    public static string Normalize(string fullName) =>
        TryNormalize(fullName, out var normalized, out var error) ? normalized! : throw error!;

    /// <summary>Normalises and validates a full name without throwing for an invalid name.</summary>
    /// <param name="fullName">The name as entered.</param>
    /// <param name="normalized">The normalised name when valid; otherwise null.</param>
    /// <param name="error">Why the name is invalid; null when it is valid.</param>
    /// <returns>True when the name is valid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="fullName"/> is null.</exception>
    public static bool TryNormalize(string fullName, out string? normalized, out IdentityValidationException? error)
    {
        ArgumentNullException.ThrowIfNull(fullName);
        normalized = null;
        error = null;
        if (fullName.Length > MaxInputLength)
        {
            error = Fail(IdentityValidationRules.NameTooLong, string.Create(CultureInfo.InvariantCulture,
                $"The full name must be at most {MaxInputLength} characters before normalisation, but it has {fullName.Length}."));
            return false;
        }

        error = CheckWellFormed(fullName) ?? CheckAssigned(fullName);
        if (error is not null)
        {
            return false;
        }

        var result = Filter(PunctuationFolding.Fold(fullName).Normalize(NormalizationForm.FormKC).ToUpperInvariant());
        error = Check(result);
        if (error is not null)
        {
            return false;
        }

        normalized = result;
        return true;
    }

    // string.Normalize throws a bare ArgumentException on an unpaired surrogate or U+FFFE; find them first to say which rule failed.
    private static IdentityValidationException? CheckWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var consumed) != System.Buffers.OperationStatus.Done || rune.Value == 0xFFFE)
            {
                return Fail(IdentityValidationRules.NameInvalidText, string.Create(CultureInfo.InvariantCulture,
                    $"The full name is not valid Unicode text: character {i + 1} (U+{(int)text[i]:X4}) is an unpaired surrogate or a noncharacter. Retype the name."));
            }

            i += consumed - 1;
        }

        return null;
    }

    // An unassigned code point is dropped today (it is not a letter), but a later Unicode version may assign it as a letter,
    // which would then be kept and change the hash; so v1 refuses to hash it at all. Runs after CheckWellFormed, because
    // Rune.GetRuneAt throws on an unpaired surrogate.
    private static IdentityValidationException? CheckAssigned(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var rune = Rune.GetRuneAt(text, i);
            if (CharUnicodeInfo.GetUnicodeCategory(rune.Value) == UnicodeCategory.OtherNotAssigned)
            {
                return Fail(IdentityValidationRules.NameUnassigned, string.Create(CultureInfo.InvariantCulture,
                    $"The full name holds a code point that is unassigned in this runtime's Unicode data (identity v1 is defined on Unicode {UnicodeVersion}): character {i + 1} is U+{rune.Value:X4}. Its hash could change with a later Unicode version, so it is refused. Remove or retype that character."));
            }

            i += rune.Utf16SequenceLength - 1;
        }

        return null;
    }

    private static string Filter(string upper)
    {
        var builder = new StringBuilder(upper.Length);
        var pendingSpace = false;
        foreach (var rune in upper.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (!Rune.IsLetter(rune) && rune.Value is not ('-' or '\''))
            {
                continue;
            }

            // White space next to a hyphen is removed: "Петров - Водкин" is "ПЕТРОВ-ВОДКИН". The builder never ends in a
            // space (spaces are written only before the next kept character), so dropping the pending one suffices.
            if (pendingSpace && rune.Value != '-' && builder[^1] != '-')
            {
                builder.Append(' ');
            }

            pendingSpace = false;

            builder.Append(rune.Value == 'Ё' ? "Е" : rune.ToString());
        }

        return builder.ToString();
    }

    private static IdentityValidationException? Check(string normalized)
    {
        if (normalized.Length == 0)
        {
            return Fail(IdentityValidationRules.NameEmpty,
                "The full name is empty once every character other than a letter, white space, a hyphen (-) or an apostrophe (') is removed. Enter the name in letters.");
        }

        if (normalized.Length > MaxLength)
        {
            return Fail(IdentityValidationRules.NameTooLong, string.Create(CultureInfo.InvariantCulture,
                $"The full name must be at most {MaxLength} characters after normalisation, but it has {normalized.Length}."));
        }

        foreach (var rune in normalized.EnumerateRunes())
        {
            if (Rune.IsLetter(rune))
            {
                return null;
            }
        }

        return Fail(IdentityValidationRules.NameNoLetters,
            "The full name contains no letter, only hyphens (-), apostrophes (') or spaces. Enter the name in letters.");
    }

    private static IdentityValidationException Fail(string rule, string message) => new(rule, message, "fullName");
}
