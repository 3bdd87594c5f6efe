using System.Collections;
using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;

namespace Registry.Service.Infrastructure;

/// <summary>
/// Checks a parsed request before anything else reads it: every string and bytes field against
/// <see cref="RequestFieldBounds"/> (and no string may hold U+0000), and every <c>Timestamp</c> and <c>Duration</c>, wherever it sits, against the range
/// the well-known type allows (a value outside it cannot be converted, and used to answer UNKNOWN).
/// </summary>
public static class RequestMessageValidator
{
    /// <summary>The most violations reported for one message, so the answer stays short whatever the request.</summary>
    public const int MaxViolations = 5;

    // Timestamp: 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999999Z; Duration: ±10,000 years (google/protobuf/*.proto).
    private const long MinTimestampSeconds = -62_135_596_800;
    private const long MaxTimestampSeconds = 253_402_300_799;
    private const long MaxDurationSeconds = 315_576_000_000;
    private const int MaxNanos = 999_999_999;

    /// <summary>The violations of <paramref name="message"/>, at most <see cref="MaxViolations"/>; empty when it is valid.</summary>
    public static List<FieldViolation> Validate(IMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var violations = new List<FieldViolation>();
        Walk(message, prefix: null, violations);
        return violations;
    }

    private static void Walk(IMessage message, string? prefix, List<FieldViolation> violations)
    {
        switch (message)
        {
            case Timestamp timestamp:
                if (timestamp.Seconds is < MinTimestampSeconds or > MaxTimestampSeconds || timestamp.Nanos is < 0 or > MaxNanos)
                {
                    Add(violations, prefix, "is not a valid timestamp: 0001-01-01 to 9999-12-31 UTC, nanos 0..999,999,999");
                }

                return;
            case Duration duration:
                if (duration.Seconds is < -MaxDurationSeconds or > MaxDurationSeconds || duration.Nanos is < -MaxNanos or > MaxNanos
                    || (duration.Seconds < 0 && duration.Nanos > 0) || (duration.Seconds > 0 && duration.Nanos < 0))
                {
                    Add(violations, prefix, "is not a valid duration: at most 10,000 years, nanos below one second with the sign of the seconds");
                }

                return;
        }

        foreach (var field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            if (violations.Count >= MaxViolations)
            {
                return;
            }

            var value = field.Accessor.GetValue(message);
            if (field.IsMap || value is null)
            {
                continue;
            }

            if (!field.IsRepeated)
            {
                Check(field, prefix, index: null, value, violations);
                continue;
            }

            var index = 0;
            foreach (var item in (IList)value)
            {
                Check(field, prefix, index++, item, violations);
                if (violations.Count >= MaxViolations)
                {
                    return;
                }
            }
        }
    }

    // The path is built only for a violation or a nested message: a valid Check allocates none.
    private static void Check(FieldDescriptor field, string? prefix, int? index, object? value, List<FieldViolation> violations)
    {
        switch (value)
        {
            case string text when RequestFieldBounds.For(field) is { } bound && text.Length > bound:
                Add(violations, Path(prefix, field, index), $"is longer than {bound} characters");
                break;
            case string text when text.Contains('\0', StringComparison.Ordinal):
                // No field means anything with it, and PostgreSQL cannot store it in text: refused here for every provider.
                Add(violations, Path(prefix, field, index), "contains a NUL character (U+0000)");
                break;
            case ByteString bytes when RequestFieldBounds.For(field) is { } bound && bytes.Length > bound:
                Add(violations, Path(prefix, field, index), $"is longer than {bound} bytes");
                break;
            case IMessage nested:
                Walk(nested, Path(prefix, field, index), violations);
                break;
        }
    }

    private static string Path(string? prefix, FieldDescriptor field, int? index)
    {
        var name = index is { } i ? string.Create(CultureInfo.InvariantCulture, $"{field.Name}[{i}]") : field.Name;
        return prefix is null ? name : $"{prefix}.{name}";
    }

    private static void Add(List<FieldViolation> violations, string? path, string description) =>
        violations.Add(new FieldViolation(path ?? "(request)", description));
}
