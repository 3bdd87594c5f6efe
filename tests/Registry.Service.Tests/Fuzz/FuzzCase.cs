using Google.Protobuf.Reflection;
using Grpc.Core;

namespace Registry.Service.Tests.Fuzz;

/// <summary>Who a fuzzed call is sent as: the RPC's own role (so parsing is reached), nobody, a garbled key, or a wrong role.</summary>
public enum FuzzCaller
{
    RightRole,
    NoKey,
    GarbledKey,
    WrongRole,
}

/// <summary>One fuzzed call: a raw request body for one RPC, and the codes it may answer.</summary>
public sealed record FuzzCase(
    MethodDescriptor Method, string Kind, byte[] Body, FuzzCaller Caller, string? Encoding, IReadOnlySet<StatusCode> Allowed)
{
    public string Path => $"/{Method.Service.FullName}/{Method.Name}";

    public override string ToString() => $"{Path} {Kind} ({Caller}, {Body.Length} bytes)";
}
