using Registry.Service.Identity;

namespace Registry.Service.Infrastructure;

/// <summary>Field rules shared by several RPCs.</summary>
public static class RequestValidation
{
    public const int MaxRequestIdLength = 100;

    public static void H1(List<FieldViolation> violations, string field, byte[] h1)
    {
        ArgumentNullException.ThrowIfNull(violations);
        ArgumentNullException.ThrowIfNull(h1);
        if (h1.Length != SubjectKeyRing.H1Length)
        {
            violations.Add(new FieldViolation(field, $"must be exactly {SubjectKeyRing.H1Length} bytes (SHA-256, spec §2), got {h1.Length}"));
        }
    }

    public static void RequestId(List<FieldViolation> violations, string field, string? requestId)
    {
        ArgumentNullException.ThrowIfNull(violations);
        if (requestId is { Length: > MaxRequestIdLength })
        {
            violations.Add(new FieldViolation(field, $"must be at most {MaxRequestIdLength} characters"));
        }
    }

    /// <summary>
    /// An identifier the caller names (a consent, partner, key or record id): required, at most
    /// <paramref name="maxLength"/> characters and printable, checked before anything else, so that no lookup, message or
    /// log ever carries an unbounded or garbled value.
    /// </summary>
    public static void Identifier(List<FieldViolation> violations, string field, string? value, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(violations);
        if (string.IsNullOrWhiteSpace(value))
        {
            violations.Add(new FieldViolation(field, "is required"));
        }
        else if (value.Length > maxLength || value.Any(char.IsControl))
        {
            violations.Add(new FieldViolation(field, $"is not a valid id: at most {maxLength} printable characters"));
        }
    }

    /// <summary>Throws INVALID_ARGUMENT unless <paramref name="value"/> is a valid identifier (see <see cref="Identifier(List{FieldViolation}, string, string?, int)"/>).</summary>
    public static void ThrowUnlessIdentifier(string field, string? value, int maxLength)
    {
        var violations = new List<FieldViolation>(1);
        Identifier(violations, field, value, maxLength);
        ThrowIfAny(violations);
    }

    public static void ThrowIfAny(List<FieldViolation> violations)
    {
        ArgumentNullException.ThrowIfNull(violations);
        if (violations.Count > 0)
        {
            throw RegistryErrors.Validation(violations);
        }
    }
}
