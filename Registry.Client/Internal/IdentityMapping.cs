using Registry.Client.Identity;
using P = Registry.Protos.V1;

namespace Registry.Client.Internal;

/// <summary>Maps a <see cref="SubjectIdentity"/> to what the contract carries: its kind and h1, never the raw value.</summary>
internal static class IdentityMapping
{
    public static P.HashedIdentity ToProto(SubjectIdentity identity) => new()
    {
        Kind = (P.IdentityKind)(int)identity.Kind,
        H1 = ProtoConvert.ToByteString(identity.H1),
    };

    public static Google.Protobuf.ByteString ToH1(SubjectIdentity identity) => ProtoConvert.ToByteString(identity.H1);
}
