using System.Runtime.CompilerServices;
using ProtoRole = Registry.Protos.V1.Role;

namespace Registry.Client.Admin;

/// <summary>Maps <see cref="Role"/> to and from the v1 contract (the numeric values are equal).</summary>
internal static class RoleMapping
{
    public static ProtoRole ToProto(Role value, [CallerArgumentExpression(nameof(value))] string? paramName = null) =>
        Enum.IsDefined(value)
            ? (ProtoRole)(int)value
            : throw new ArgumentOutOfRangeException(paramName, (int)value, "Not a defined Role value.");

    public static Role ToSdk(ProtoRole value) => (Role)(int)value;

    public static Role? ToSdkOrNull(ProtoRole value) => value == default ? null : (Role)(int)value;
}
