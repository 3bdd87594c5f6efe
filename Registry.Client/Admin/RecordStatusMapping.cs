using System.Runtime.CompilerServices;
using ProtoRecordStatus = Registry.Protos.V1.RecordStatus;

namespace Registry.Client.Admin;

/// <summary>Maps <see cref="RecordStatus"/> to and from the v1 contract (the numeric values are equal).</summary>
internal static class RecordStatusMapping
{
    public static ProtoRecordStatus ToProto(RecordStatus value, [CallerArgumentExpression(nameof(value))] string? paramName = null) =>
        Enum.IsDefined(value)
            ? (ProtoRecordStatus)(int)value
            : throw new ArgumentOutOfRangeException(paramName, (int)value, "Not a defined RecordStatus value.");

    public static RecordStatus ToSdk(ProtoRecordStatus value) => (RecordStatus)(int)value;

    public static RecordStatus? ToSdkOrNull(ProtoRecordStatus value) => value == default ? null : (RecordStatus)(int)value;
}
