using System.Diagnostics;
using System.Globalization;

namespace Registry.Client.Identity;

/// <summary>A validated, normalised subject identity of protocol v1, with its client hash h1.</summary>
/// <remarks>
/// Immutable and thread-safe. <see cref="ToString"/> never reveals the identifier (it returns e.g. <c>kz-iin:***</c>),
/// but <see cref="NormalizedValue"/>, <see cref="H1"/> and <see cref="H1Hex"/> are personal data: never log them.
/// Two identities are equal when their kind and normalised value are equal.
/// </remarks>
[DebuggerDisplay("{ToString(),nq}")]
public sealed class SubjectIdentity : IEquatable<SubjectIdentity>
{
    /// <summary>The separator between the name and the date of birth in a <c>name-dob</c> value (U+001F, unit separator).</summary>
    public const char NameDobSeparator = '\u001F';

    /// <summary>The kind name of name-dob identities in the v1 hash input.</summary>
    public const string NameDobKindName = "name-dob";

    private readonly byte[] _h1;

    private SubjectIdentity(IdentityKind kind, string kindName, string normalizedValue)
    {
        Kind = kind;
        KindName = kindName;
        NormalizedValue = normalizedValue;
        _h1 = IdentityHasher.ComputeH1(kindName, normalizedValue);
        H1Hex = Convert.ToHexStringLower(_h1);
    }

    /// <summary>Gets the kind of identifier.</summary>
    public IdentityKind Kind { get; }

    /// <summary>Gets the kind name used in the hash input.</summary>
    /// <value><c>kz-iin</c> or <c>name-dob</c>.</value>
    public string KindName { get; }

    /// <summary>Gets the normalised value that is hashed. Personal data.</summary>
    /// <value>12 digits for an IIN, e.g. <c>900521389141</c>; <c>NAME</c> U+001F <c>YYYY-MM-DD</c> for a name and date of birth.</value>
    public string NormalizedValue { get; }

    /// <summary>Gets the client hash h1 of this identity. Personal data (a pseudonym).</summary>
    /// <value>32 bytes, computed once.</value>
    public ReadOnlyMemory<byte> H1 => _h1;

    /// <summary>Gets h1 as lowercase hexadecimal. Personal data (a pseudonym).</summary>
    /// <value>64 lowercase hexadecimal characters.</value>
    public string H1Hex { get; }

    /// <summary>Creates the identity of an IIN.</summary>
    /// <param name="iin">The IIN as entered; spaces and <c>-</c> are ignored.</param>
    /// <returns>The identity, kind <see cref="IdentityKind.KzIin"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="iin"/> is null.</exception>
    /// <exception cref="IdentityValidationException">The IIN breaks a rule; <see cref="IdentityValidationException.Rule"/> says which.</exception>
    public static SubjectIdentity FromIin(string iin) => FromIin(iin, TimeProvider.System);

    /// <summary>Creates the identity of a full name and date of birth.</summary>
    /// <param name="fullName">The full name as entered.</param>
    /// <param name="birthDate">The date of birth, from 1800-01-01 to tomorrow (UTC).</param>
    /// <returns>The identity, kind <see cref="IdentityKind.NameDob"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="fullName"/> is null.</exception>
    /// <exception cref="IdentityValidationException">The name or date breaks a rule; <see cref="IdentityValidationException.Rule"/> says which.</exception>
    public static SubjectIdentity FromNameAndBirthDate(string fullName, DateOnly birthDate) =>
        FromNameAndBirthDate(fullName, birthDate, TimeProvider.System);

    /// <summary>Creates the identity of an IIN without throwing for an invalid IIN.</summary>
    /// <param name="iin">The IIN as entered; spaces and <c>-</c> are ignored.</param>
    /// <param name="identity">The identity when the IIN is valid; otherwise null.</param>
    /// <param name="error">Why the IIN is invalid; null when it is valid.</param>
    /// <returns>True when the IIN is valid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="iin"/> is null.</exception>
    public static bool TryFromIin(string iin, out SubjectIdentity? identity, out IdentityValidationException? error) =>
        TryFromIin(iin, TimeProvider.System, out identity, out error);

    /// <summary>Creates the identity of a full name and date of birth without throwing for invalid input.</summary>
    /// <param name="fullName">The full name as entered.</param>
    /// <param name="birthDate">The date of birth, from 1800-01-01 to tomorrow (UTC).</param>
    /// <param name="identity">The identity when the input is valid; otherwise null.</param>
    /// <param name="error">Why the input is invalid; null when it is valid.</param>
    /// <returns>True when the input is valid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="fullName"/> is null.</exception>
    public static bool TryFromNameAndBirthDate(string fullName, DateOnly birthDate, out SubjectIdentity? identity, out IdentityValidationException? error) =>
        TryFromNameAndBirthDate(fullName, birthDate, TimeProvider.System, out identity, out error);

    /// <summary>Returns the kind and a mask, never the identifier.</summary>
    /// <returns>For example <c>kz-iin:***</c>.</returns>
    public override string ToString() => KindName + ":***";

    /// <summary>Tells whether another identity has the same kind and normalised value.</summary>
    /// <param name="other">The identity to compare with.</param>
    /// <returns>True when both are the same identity.</returns>
    public bool Equals(SubjectIdentity? other) =>
        other is not null && Kind == other.Kind && string.Equals(NormalizedValue, other.NormalizedValue, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as SubjectIdentity);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, StringComparer.Ordinal.GetHashCode(NormalizedValue));

    internal static SubjectIdentity FromIin(string iin, TimeProvider clock) =>
        TryFromIin(iin, clock, out var identity, out var error) ? identity! : throw error!;

    internal static SubjectIdentity FromNameAndBirthDate(string fullName, DateOnly birthDate, TimeProvider clock) =>
        TryFromNameAndBirthDate(fullName, birthDate, clock, out var identity, out var error) ? identity! : throw error!;

    internal static bool TryFromIin(string iin, TimeProvider clock, out SubjectIdentity? identity, out IdentityValidationException? error)
    {
        identity = KzIin.TryNormalize(iin, clock, out var digits, out error)
            ? new SubjectIdentity(IdentityKind.KzIin, KzIin.KindName, digits!)
            : null;
        return identity is not null;
    }

    internal static bool TryFromNameAndBirthDate(
        string fullName, DateOnly birthDate, TimeProvider clock, out SubjectIdentity? identity, out IdentityValidationException? error)
    {
        identity = null;
        if (!NameNormalizer.TryNormalize(fullName, out var name, out error))
        {
            return false;
        }

        error = CheckBirthDate(birthDate, clock);
        if (error is not null)
        {
            return false;
        }

        var value = string.Create(CultureInfo.InvariantCulture, $"{name}{NameDobSeparator}{birthDate:yyyy-MM-dd}");
        identity = new SubjectIdentity(IdentityKind.NameDob, NameDobKindName, value);
        return true;
    }

    private static IdentityValidationException? CheckBirthDate(DateOnly birthDate, TimeProvider clock)
    {
        if (birthDate < BirthDateRule.MinBirthDate)
        {
            return new(IdentityValidationRules.BirthDateTooEarly, string.Create(CultureInfo.InvariantCulture,
                $"The date of birth {birthDate:yyyy-MM-dd} is before {BirthDateRule.MinBirthDate:yyyy-MM-dd}. Check the year."), nameof(birthDate));
        }

        return BirthDateRule.IsInFuture(birthDate, clock)
            ? new(IdentityValidationRules.BirthDateFuture, string.Create(CultureInfo.InvariantCulture,
                $"The date of birth {birthDate:yyyy-MM-dd} is in the future. Check the year."), nameof(birthDate))
            : null;
    }
}
