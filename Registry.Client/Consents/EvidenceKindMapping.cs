using System.Runtime.CompilerServices;
using ProtoEvidenceKind = Registry.Protos.V1.EvidenceKind;

namespace Registry.Client.Consents;

/// <summary>Maps <see cref="EvidenceKind"/> to and from the v1 contract (the numeric values are equal).</summary>
internal static class EvidenceKindMapping
{
    public static ProtoEvidenceKind ToProto(EvidenceKind value, [CallerArgumentExpression(nameof(value))] string? paramName = null) =>
        Enum.IsDefined(value)
            ? (ProtoEvidenceKind)(int)value
            : throw new ArgumentOutOfRangeException(paramName, (int)value, "Not a defined EvidenceKind value.");

    public static EvidenceKind ToSdk(ProtoEvidenceKind value) => (EvidenceKind)(int)value;

    public static EvidenceKind? ToSdkOrNull(ProtoEvidenceKind value) => value == default ? null : (EvidenceKind)(int)value;
}
