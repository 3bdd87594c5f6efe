using System.Runtime.CompilerServices;
using ProtoRecordCategory = Registry.Protos.V1.RecordCategory;

namespace Registry.Client.Checks;

/// <summary>Maps <see cref="RecordCategory"/> to and from the v1 contract (the numeric values are equal).</summary>
internal static class RecordCategoryMapping
{
    public static ProtoRecordCategory ToProto(RecordCategory value, [CallerArgumentExpression(nameof(value))] string? paramName = null) =>
        Enum.IsDefined(value)
            ? (ProtoRecordCategory)(int)value
            : throw new ArgumentOutOfRangeException(paramName, (int)value, "Not a defined RecordCategory value.");

    public static RecordCategory ToSdk(ProtoRecordCategory value) => (RecordCategory)(int)value;

    public static RecordCategory? ToSdkOrNull(ProtoRecordCategory value) => value == default ? null : (RecordCategory)(int)value;
}
