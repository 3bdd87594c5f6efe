using System.Runtime.CompilerServices;
using ProtoPurpose = Registry.Protos.V1.Purpose;

namespace Registry.Client.Consents;

/// <summary>Maps <see cref="Purpose"/> to and from the v1 contract (the numeric values are equal).</summary>
internal static class PurposeMapping
{
    public static ProtoPurpose ToProto(Purpose value, [CallerArgumentExpression(nameof(value))] string? paramName = null) =>
        Enum.IsDefined(value)
            ? (ProtoPurpose)(int)value
            : throw new ArgumentOutOfRangeException(paramName, (int)value, "Not a defined Purpose value.");

    public static Purpose ToSdk(ProtoPurpose value) => (Purpose)(int)value;

    public static Purpose? ToSdkOrNull(ProtoPurpose value) => value == default ? null : (Purpose)(int)value;
}
