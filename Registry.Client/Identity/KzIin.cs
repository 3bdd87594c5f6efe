using System.Globalization;

namespace Registry.Client.Identity;

/// <summary>The rules of the Kazakhstan individual identification number (ИИН), kind <c>kz-iin</c> of protocol v1.</summary>
/// <remarks>
/// Only U+0020 spaces and U+002D hyphens are removed; any other character, including other white space and non-ASCII
/// digits, makes the IIN invalid. See <c>docs/identity.md</c> for the rules and test vectors.
/// </remarks>
public static class KzIin
{
    /// <summary>The kind name of IIN identities in the v1 hash input.</summary>
    public const string KindName = "kz-iin";

    private static readonly int[] FirstWeights = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
    private static readonly int[] SecondWeights = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

    /// <summary>Removes spaces and hyphens from an IIN, validates it and returns its 12 digits.</summary>
    /// <param name="iin">The IIN as entered, e.g. <c>"900521 389141"</c>.</param>
    /// <returns>The 12 ASCII digits.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="iin"/> is null.</exception>
    /// <exception cref="IdentityValidationException">The IIN breaks a rule; <see cref="IdentityValidationException.Rule"/> says which.</exception>
    public static string Normalize(string iin) => Normalize(iin, TimeProvider.System);

    /// <summary>Removes spaces and hyphens from an IIN and validates it, without throwing for an invalid IIN.</summary>
    /// <param name="iin">The IIN as entered.</param>
    /// <param name="normalized">The 12 ASCII digits when valid; otherwise null.</param>
    /// <param name="error">Why the IIN is invalid; null when it is valid.</param>
    /// <returns>True when the IIN is valid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="iin"/> is null.</exception>
    public static bool TryNormalize(string iin, out string? normalized, out IdentityValidationException? error) =>
        TryNormalize(iin, TimeProvider.System, out normalized, out error);

    /// <summary>Returns the date of birth encoded in an IIN (digits 1-6 and the century of digit 7).</summary>
    /// <param name="normalizedIin">A valid IIN, normalised or not.</param>
    /// <returns>The date of birth.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="normalizedIin"/> is null.</exception>
    /// <exception cref="IdentityValidationException">The IIN is invalid.</exception>
    public static DateOnly GetBirthDate(string normalizedIin)
    {
        var digits = Normalize(normalizedIin);
        _ = TryGetBirthDate(digits, out var birthDate);
        return birthDate;
    }

    internal static string Normalize(string iin, TimeProvider clock) =>
        TryNormalize(iin, clock, out var normalized, out var error) ? normalized! : throw error!;

    internal static bool TryNormalize(string iin, TimeProvider clock, out string? normalized, out IdentityValidationException? error)
    {
        ArgumentNullException.ThrowIfNull(iin);
        normalized = null;
        var digits = iin.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        error = Validate(digits, clock);
        if (error is not null)
        {
            return false;
        }

        normalized = digits;
        return true;
    }

    private static IdentityValidationException? Validate(string digits, TimeProvider clock)
    {
        for (var i = 0; i < digits.Length; i++)
        {
            if (!char.IsAsciiDigit(digits[i]))
            {
                return Fail(IdentityValidationRules.IinNotDigits, string.Create(CultureInfo.InvariantCulture,
                    $"The IIN must contain only the ASCII digits 0-9 (spaces and '-' are ignored), but character {i + 1} of its digits is U+{(int)digits[i]:X4}. Retype it with ASCII digits."));
            }
        }

        if (digits.Length != 12)
        {
            return Fail(IdentityValidationRules.IinLength, string.Create(CultureInfo.InvariantCulture,
                $"The IIN must have exactly 12 digits, but it has {digits.Length}. Check that no digit is missing or doubled."));
        }

        var century = digits[6] - '0';
        if (century is < 1 or > 6)
        {
            return Fail(IdentityValidationRules.IinCentury, string.Create(CultureInfo.InvariantCulture,
                $"Digit 7 of the IIN (century and sex) must be 1-6 (1-2: born 1800-1899, 3-4: 1900-1999, 5-6: 2000-2099), but it is {century}."));
        }

        if (!TryGetBirthDate(digits, out var birthDate))
        {
            return Fail(IdentityValidationRules.IinDate, string.Create(CultureInfo.InvariantCulture,
                $"Digits 1-6 of the IIN must be a real date YYMMDD, but '{digits[..6]}' with century digit {century} would be {FullYear(digits)}-{digits.AsSpan(2, 2)}-{digits.AsSpan(4, 2)}, which does not exist."));
        }

        if (BirthDateRule.IsInFuture(birthDate, clock))
        {
            return Fail(IdentityValidationRules.IinDateFuture, string.Create(CultureInfo.InvariantCulture,
                $"The IIN encodes the date of birth {birthDate:yyyy-MM-dd}, which is in the future. Check digits 1-6 and the century digit 7."));
        }

        var check = ComputeCheckDigit(digits);
        if (check is null)
        {
            return Fail(IdentityValidationRules.IinChecksumUndefined,
                "No valid IIN starts with these 11 digits: both weighting passes of the check digit give 10. One of the first 11 digits is wrong.");
        }

        var actual = digits[11] - '0';
        if (check != actual)
        {
            return Fail(IdentityValidationRules.IinChecksum, string.Create(CultureInfo.InvariantCulture,
                $"The IIN's check digit (digit 12) is {actual} but the first 11 digits require {check}. One of the digits is mistyped."));
        }

        return null;
    }

    /// <summary>The mod-11 check digit of the first 11 digits, or null when both passes give 10.</summary>
    internal static int? ComputeCheckDigit(ReadOnlySpan<char> digits)
    {
        var check = WeightedSum(digits, FirstWeights) % 11;
        if (check == 10)
        {
            check = WeightedSum(digits, SecondWeights) % 11;
        }

        return check == 10 ? null : check;
    }

    private static int WeightedSum(ReadOnlySpan<char> digits, int[] weights)
    {
        var sum = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            sum += (digits[i] - '0') * weights[i];
        }

        return sum;
    }

    private static int FullYear(string digits) =>
        ((((digits[6] - '0') + 1) / 2) + 17) * 100 + ((digits[0] - '0') * 10) + (digits[1] - '0');

    private static bool TryGetBirthDate(string digits, out DateOnly birthDate)
    {
        var year = FullYear(digits);
        var month = ((digits[2] - '0') * 10) + (digits[3] - '0');
        var day = ((digits[4] - '0') * 10) + (digits[5] - '0');
        birthDate = default;
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        birthDate = new DateOnly(year, month, day);
        return true;
    }

    private static IdentityValidationException Fail(string rule, string message) => new(rule, message, "iin");
}
