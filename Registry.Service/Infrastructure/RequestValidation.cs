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

    public static void ThrowIfAny(List<FieldViolation> violations)
    {
        ArgumentNullException.ThrowIfNull(violations);
        if (violations.Count > 0)
        {
            throw RegistryErrors.Validation(violations);
        }
    }
}
