using System.Runtime.CompilerServices;
using ProtoCheckOutcome = Registry.Protos.V1.CheckOutcome;

namespace Registry.Client.Checks;

/// <summary>Maps <see cref="CheckOutcome"/> to and from the v1 contract (the numeric values are equal).</summary>
internal static class CheckOutcomeMapping
{
    public static ProtoCheckOutcome ToProto(CheckOutcome value, [CallerArgumentExpression(nameof(value))] string? paramName = null) =>
        Enum.IsDefined(value)
            ? (ProtoCheckOutcome)(int)value
            : throw new ArgumentOutOfRangeException(paramName, (int)value, "Not a defined CheckOutcome value.");

    public static CheckOutcome ToSdk(ProtoCheckOutcome value) => (CheckOutcome)(int)value;

    public static CheckOutcome? ToSdkOrNull(ProtoCheckOutcome value) => value == default ? null : (CheckOutcome)(int)value;
}
