using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using ProtoDate = Google.Type.Date;

namespace Registry.Client.Internal;

/// <summary>Conversions between well-known proto types and .NET types.</summary>
internal static class ProtoConvert
{
    public static Timestamp ToTimestamp(DateTimeOffset value) => Timestamp.FromDateTimeOffset(value);

    public static DateTimeOffset ToDateTimeOffset(Timestamp? value) =>
        value is null ? default : value.ToDateTimeOffset();

    public static DateTimeOffset? ToNullableDateTimeOffset(Timestamp? value) => value?.ToDateTimeOffset();

    public static ProtoDate ToDate(DateOnly value) => new() { Year = value.Year, Month = value.Month, Day = value.Day };

    public static ProtoDate? ToNullableDate(DateOnly? value) => value is { } date ? ToDate(date) : null;

    public static DateOnly? ToDateOnly(ProtoDate? value) =>
        value is null || value.Year == 0 || value.Month == 0 || value.Day == 0
            ? null
            : new DateOnly(value.Year, value.Month, value.Day);

    public static ReadOnlyMemory<byte> ToMemory(ByteString value) => value.Memory;

    public static ByteString ToByteString(ReadOnlyMemory<byte> value) => ByteString.CopyFrom(value.Span);

    public static IReadOnlyList<ReadOnlyMemory<byte>> ToMemoryList(IEnumerable<ByteString> values) =>
        values.Select(v => v.Memory).ToArray();
}
