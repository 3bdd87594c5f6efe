using System.Runtime.CompilerServices;

namespace Registry.Client.Internal;

/// <summary>Maps an SDK enum to and from its v1 contract twin, whose members have the same names and numbers (the contract's
/// <c>…_UNSPECIFIED = 0</c> has no SDK member). One generic table instead of one mapping class per enum; the aliases in
/// <c>WireEnums.cs</c> name each pair.</summary>
/// <typeparam name="TSdk">The SDK enum, e.g. <see cref="Consents.Purpose"/>.</typeparam>
/// <typeparam name="TProto">The contract enum, e.g. <c>Registry.Protos.V1.Purpose</c>.</typeparam>
internal static class WireEnum<TSdk, TProto>
    where TSdk : struct, Enum
    where TProto : struct, Enum
{
    /// <summary>The contract value of a defined SDK value.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is not a defined member.</exception>
    public static TProto ToProto(TSdk value, [CallerArgumentExpression(nameof(value))] string? paramName = null) =>
        Enum.IsDefined(value)
            ? Unsafe.BitCast<TSdk, TProto>(value)
            : throw new ArgumentOutOfRangeException(paramName, Convert.ToInt32(value, null), $"Not a defined {typeof(TSdk).Name} value.");

    /// <summary>The SDK value of a contract value; a value a newer service sends passes through as an undefined number.</summary>
    public static TSdk ToSdk(TProto value) => Unsafe.BitCast<TProto, TSdk>(value);

    /// <summary>The SDK value, or <see langword="null"/> for the contract's unspecified (zero) value.</summary>
    public static TSdk? ToSdkOrNull(TProto value) => EqualityComparer<TProto>.Default.Equals(value, default) ? null : ToSdk(value);
}
