using System.Runtime.CompilerServices;
using ProtoConsentScope = Registry.Protos.V1.ConsentScope;

namespace Registry.Client.Consents;

/// <summary>Maps <see cref="ConsentScope"/> to and from the v1 contract (the numeric values are equal).</summary>
internal static class ConsentScopeMapping
{
    public static ProtoConsentScope ToProto(ConsentScope value, [CallerArgumentExpression(nameof(value))] string? paramName = null) =>
        Enum.IsDefined(value)
            ? (ProtoConsentScope)(int)value
            : throw new ArgumentOutOfRangeException(paramName, (int)value, "Not a defined ConsentScope value.");

    public static ConsentScope ToSdk(ProtoConsentScope value) => (ConsentScope)(int)value;

    public static ConsentScope? ToSdkOrNull(ProtoConsentScope value) => value == default ? null : (ConsentScope)(int)value;
}
