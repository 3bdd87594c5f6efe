using Grpc.Core;

namespace Registry.Service.Infrastructure;

/// <summary>The largest request message an RPC accepts, in bytes, and how many request messages one call may send.</summary>
public sealed record RpcLimit(int MaxMessageSize, int MaxMessages);

/// <summary>
/// The request limits of every RPC, set deliberately (issue 10, hostile input) and enforced on the wire by
/// <see cref="GrpcFrameReader"/> before a message is parsed: a larger message answers RESOURCE_EXHAUSTED, a second
/// message on a unary call INVALID_ARGUMENT, a stream past its count RESOURCE_EXHAUSTED. The sizes are the largest
/// legitimate message (every string at its bound, 3 UTF-8 bytes a character) with room to spare; docs/operations.md
/// "Limits on requests" lists them. A test fails when an RPC of the four registry services has no entry.
/// </summary>
public static class RpcLimits
{
    /// <summary>
    /// Any request but a CheckBatch or an import batch: a few ids and at most a reason of 500 characters, about 2 KB on the
    /// wire at worst, so 16 KiB leaves room and still refuses a megabyte before it is parsed.
    /// </summary>
    public const int SmallMessageSize = 16 * 1024;

    /// <summary>The most batches one import stream may send after its ImportStart: 100 million rows.</summary>
    public const int MaxImportBatches = 100_000;

    /// <summary>The most messages a client- or duplex-streaming RPC outside the registry's own (reflection) may send.</summary>
    public const int DefaultMaxStreamMessages = 1_000;

    private static readonly RpcLimit Small = new(SmallMessageSize, 1);

    private static readonly Dictionary<string, RpcLimit> ByMethod = new(StringComparer.Ordinal)
    {
        // ~220 bytes: a consent id (64), h1 (32), a request id (100).
        [Name(Protos.V1.CheckService.Descriptor, "Check")] = Small,
        // 100 checks of ~225 bytes.
        [Name(Protos.V1.CheckService.Descriptor, "CheckBatch")] = new(GrpcHostingExtensions.MaxMessageSize, 1),
        // ~800 bytes: h1, a request id, an evidence reference of 200 characters.
        [Name(Protos.V1.ConsentService.Descriptor, "GrantConsent")] = Small,
        [Name(Protos.V1.ConsentService.Descriptor, "RevokeConsent")] = Small,
        [Name(Protos.V1.ConsentService.Descriptor, "GetConsent")] = Small,
        // A batch of 1,000 rows with every field at its longest is about 2 MB; an ImportStart, then the batches.
        [Name(Protos.V1.AdminService.Descriptor, "ImportRecords")] = new(GrpcHostingExtensions.MaxAdminMessageSize, 1 + MaxImportBatches),
        [Name(Protos.V1.AdminService.Descriptor, "ListImportJobs")] = Small,
        [Name(Protos.V1.AdminService.Descriptor, "CorrectRecord")] = Small,
        [Name(Protos.V1.AdminService.Descriptor, "ExpungeRecord")] = Small,
        [Name(Protos.V1.AdminService.Descriptor, "CreatePartner")] = Small,
        [Name(Protos.V1.AdminService.Descriptor, "ListPartners")] = Small,
        [Name(Protos.V1.AdminService.Descriptor, "SetPartnerSuspended")] = Small,
        [Name(Protos.V1.AdminService.Descriptor, "SetPartnerQuota")] = Small,
        [Name(Protos.V1.AdminService.Descriptor, "IssueApiKey")] = Small,
        [Name(Protos.V1.AdminService.Descriptor, "RevokeApiKey")] = Small,
        [Name(Protos.V1.AuditService.Descriptor, "QueryAuditLog")] = Small,
        [Name(Protos.V1.AuditService.Descriptor, "VerifyAuditLog")] = Small,
        [Name(Protos.V1.AuditService.Descriptor, "ListCheckpoints")] = Small,
        [Name(Protos.V1.AuditService.Descriptor, "GetInclusionProof")] = Small,
        [Name(Protos.V1.AuditService.Descriptor, "GetConsistencyProof")] = Small,
        [Name(Protos.V1.AuditService.Descriptor, "GetPublicKey")] = Small,
        [Name(Protos.V1.AuditService.Descriptor, "ExportAuditLog")] = Small,
    };

    /// <summary>The full names (<c>/package.Service/Method</c>) of the RPCs with their own entry.</summary>
    public static IReadOnlyCollection<string> Methods => ByMethod.Keys;

    /// <summary>
    /// The limit of <paramref name="method"/>: its entry, or for a method outside the registry's services (health,
    /// reflection) a small message and one message for unary and server-streaming calls.
    /// </summary>
    public static RpcLimit For(IMethod method)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (ByMethod.TryGetValue(method.FullName, out var limit))
        {
            return limit;
        }

        return method.Type is MethodType.Unary or MethodType.ServerStreaming ? Small : Small with { MaxMessages = DefaultMaxStreamMessages };
    }

    /// <summary>The gRPC full name of a method: <c>/registry.v1.CheckService/Check</c>.</summary>
    public static string Name(Google.Protobuf.Reflection.ServiceDescriptor service, string method)
    {
        ArgumentNullException.ThrowIfNull(service);
        return $"/{service.FullName}/{method}";
    }
}
