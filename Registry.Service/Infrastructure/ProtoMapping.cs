using Duration = Google.Protobuf.WellKnownTypes.Duration;
using Timestamp = Google.Protobuf.WellKnownTypes.Timestamp;
using Registry.Service.Consent;
using Registry.Service.Partners;
using Registry.Service.Records;
using V1 = Registry.Protos.V1;

namespace Registry.Service.Infrastructure;

/// <summary>Enum and time conversions shared by every feature's mapping. Unspecified or unknown values map to null.</summary>
public static class ProtoMapping
{
    public static ConsentPurpose? ToDomain(this V1.Purpose value) =>
        value != V1.Purpose.Unspecified && Enum.IsDefined((ConsentPurpose)(int)value) ? (ConsentPurpose)(int)value : null;

    public static V1.Purpose ToProto(this ConsentPurpose value) => (V1.Purpose)(int)value;

    public static ConsentScope? ToDomain(this V1.ConsentScope value) =>
        value != V1.ConsentScope.Unspecified && Enum.IsDefined((ConsentScope)(int)value) ? (ConsentScope)(int)value : null;

    public static V1.ConsentScope ToProto(this ConsentScope value) => (V1.ConsentScope)(int)value;

    public static EvidenceKind? ToDomain(this V1.EvidenceKind value) =>
        value != V1.EvidenceKind.Unspecified && Enum.IsDefined((EvidenceKind)(int)value) ? (EvidenceKind)(int)value : null;

    public static V1.EvidenceKind ToProto(this EvidenceKind value) => (V1.EvidenceKind)(int)value;

    public static PartnerRole? ToDomain(this V1.Role value) =>
        value != V1.Role.Unspecified && Enum.IsDefined((PartnerRole)(int)value) ? (PartnerRole)(int)value : null;

    public static V1.Role ToProto(this PartnerRole value) => (V1.Role)(int)value;

    public static RecordCategory? ToDomain(this V1.RecordCategory value) =>
        value != V1.RecordCategory.Unspecified && Enum.IsDefined((RecordCategory)(int)value) ? (RecordCategory)(int)value : null;

    public static V1.RecordCategory ToProto(this RecordCategory value) => (V1.RecordCategory)(int)value;

    public static RecordStatus? ToDomain(this V1.RecordStatus value) =>
        value != V1.RecordStatus.Unspecified && Enum.IsDefined((RecordStatus)(int)value) ? (RecordStatus)(int)value : null;

    public static V1.RecordStatus ToProto(this RecordStatus value) => (V1.RecordStatus)(int)value;

    public static Timestamp ToTimestamp(this DateTime utc) => Timestamp.FromDateTime(DateTime.SpecifyKind(utc, DateTimeKind.Utc));

    /// <summary>
    /// A request's timestamp as an instant; null when absent. Out of the type's range it is the caller's fault
    /// (INVALID_ARGUMENT), not an UNKNOWN: RequestMessageValidator refuses it first, and this keeps the mapping safe alone.
    /// </summary>
    public static DateTimeOffset? ToInstant(this Timestamp? timestamp, string field)
    {
        if (timestamp is null)
        {
            return null;
        }

        try
        {
            return timestamp.ToDateTimeOffset();
        }
        catch (InvalidOperationException)
        {
            throw RegistryErrors.Validation(new FieldViolation(field, "is not a valid timestamp: 0001-01-01 to 9999-12-31 UTC"));
        }
    }

    /// <summary>A request's duration as a <see cref="TimeSpan"/>; null when absent; INVALID_ARGUMENT out of range.</summary>
    public static TimeSpan? ToTimeSpan(this Duration? duration, string field)
    {
        if (duration is null)
        {
            return null;
        }

        try
        {
            return duration.ToTimeSpan();
        }
        catch (InvalidOperationException)
        {
            throw RegistryErrors.Validation(new FieldViolation(field, "is not a valid duration"));
        }
    }

    public static Google.Type.Date ToProtoDate(this DateOnly date) => new() { Year = date.Year, Month = date.Month, Day = date.Day };

    /// <summary>A proto date as a <see cref="DateOnly"/>; null when absent; throws on an impossible date.</summary>
    public static DateOnly? ToDateOnly(this Google.Type.Date? date, string field)
    {
        if (date is null || (date.Year == 0 && date.Month == 0 && date.Day == 0))
        {
            return null;
        }

        try
        {
            return new DateOnly(date.Year, date.Month, date.Day);
        }
        catch (ArgumentOutOfRangeException)
        {
            throw RegistryErrors.Validation(new FieldViolation(field, $"{date.Year:0000}-{date.Month:00}-{date.Day:00} is not a calendar date"));
        }
    }

    public static string? NullIfEmpty(this string value) => string.IsNullOrEmpty(value) ? null : value;
}
