namespace Registry.Client.Identity;

/// <summary>The stable codes of <see cref="IdentityValidationException.Rule"/>, one per validation rule.</summary>
/// <remarks>Codes are a contract: callers (e.g. the CSV import's rejects file) may branch on them. New codes may be added.</remarks>
public static class IdentityValidationRules
{
    /// <summary>The IIN contains a character other than an ASCII digit (after removing spaces and <c>-</c>).</summary>
    public const string IinNotDigits = "IIN_NOT_DIGITS";

    /// <summary>The IIN does not have exactly 12 digits (after removing spaces and <c>-</c>).</summary>
    public const string IinLength = "IIN_LENGTH";

    /// <summary>The IIN's 7th digit (century and sex) is not 1-6.</summary>
    public const string IinCentury = "IIN_CENTURY";

    /// <summary>The IIN's digits 1-6 (YYMMDD, in the century of digit 7) are not a real calendar date.</summary>
    public const string IinDate = "IIN_DATE";

    /// <summary>The birth date encoded in the IIN is later than tomorrow (UTC).</summary>
    public const string IinDateFuture = "IIN_DATE_FUTURE";

    /// <summary>Both weighting passes of the IIN check digit give 10, so no IIN can have these first 11 digits.</summary>
    public const string IinChecksumUndefined = "IIN_CHECKSUM_UNDEFINED";

    /// <summary>The IIN's 12th digit is not the check digit computed from the first 11.</summary>
    public const string IinChecksum = "IIN_CHECKSUM";

    /// <summary>The name is empty after normalisation (it contained no letters, white space, <c>-</c> or <c>'</c>).</summary>
    public const string NameEmpty = "NAME_EMPTY";

    /// <summary>The normalised name contains only <c>-</c>, <c>'</c> and spaces, no letter.</summary>
    public const string NameNoLetters = "NAME_NO_LETTERS";

    /// <summary>The name is longer than <see cref="NameNormalizer.MaxLength"/> after normalisation, or than <see cref="NameNormalizer.MaxInputLength"/> before.</summary>
    public const string NameTooLong = "NAME_TOO_LONG";

    /// <summary>The name is not valid UTF-16 text (it contains an unpaired surrogate) and cannot be normalised.</summary>
    public const string NameInvalidText = "NAME_INVALID_TEXT";

    /// <summary>
    /// The name holds a code point that is unassigned in the runtime's Unicode data (Unicode 16.0 on .NET 10), including the
    /// noncharacters other than U+FFFE; a later Unicode version could assign it and change the name's hash.
    /// </summary>
    public const string NameUnassigned = "NAME_UNASSIGNED";

    /// <summary>The date of birth is before 1800-01-01.</summary>
    public const string BirthDateTooEarly = "BIRTH_DATE_TOO_EARLY";

    /// <summary>The date of birth is later than tomorrow (UTC).</summary>
    public const string BirthDateFuture = "BIRTH_DATE_FUTURE";
}
