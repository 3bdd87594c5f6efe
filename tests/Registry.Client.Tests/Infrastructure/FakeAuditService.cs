using Grpc.Core;
using Registry.Protos.V1;

namespace Registry.Client.Tests.Infrastructure;

/// <summary>A hand-written AuditService: each RPC records the call, then runs a handler the test sets.</summary>
public sealed class FakeAuditService(CallRecorder recorder) : AuditService.AuditServiceBase
{
    public Func<VerifyAuditLogRequest, ServerCallContext, Task<VerifyAuditLogResponse>> OnVerifyAuditLog { get; set; } = (_, _) => Task.FromResult(new VerifyAuditLogResponse());

    public Func<ListCheckpointsRequest, ServerCallContext, Task<ListCheckpointsResponse>> OnListCheckpoints { get; set; } = (_, _) => Task.FromResult(new ListCheckpointsResponse());

    public Func<GetInclusionProofRequest, ServerCallContext, Task<GetInclusionProofResponse>> OnGetInclusionProof { get; set; } = (_, _) => Task.FromResult(new GetInclusionProofResponse());

    public Func<GetConsistencyProofRequest, ServerCallContext, Task<GetConsistencyProofResponse>> OnGetConsistencyProof { get; set; } = (_, _) => Task.FromResult(new GetConsistencyProofResponse());

    public Func<GetPublicKeyRequest, ServerCallContext, Task<GetPublicKeyResponse>> OnGetPublicKey { get; set; } = (_, _) => Task.FromResult(new GetPublicKeyResponse());

    public override Task<VerifyAuditLogResponse> VerifyAuditLog(VerifyAuditLogRequest request, ServerCallContext context)
    {
        recorder.Record(nameof(VerifyAuditLog), request, context);
        return OnVerifyAuditLog(request, context);
    }

    public override Task<ListCheckpointsResponse> ListCheckpoints(ListCheckpointsRequest request, ServerCallContext context)
    {
        recorder.Record(nameof(ListCheckpoints), request, context);
        return OnListCheckpoints(request, context);
    }

    public override Task<GetInclusionProofResponse> GetInclusionProof(GetInclusionProofRequest request, ServerCallContext context)
    {
        recorder.Record(nameof(GetInclusionProof), request, context);
        return OnGetInclusionProof(request, context);
    }

    public override Task<GetConsistencyProofResponse> GetConsistencyProof(GetConsistencyProofRequest request, ServerCallContext context)
    {
        recorder.Record(nameof(GetConsistencyProof), request, context);
        return OnGetConsistencyProof(request, context);
    }

    public override Task<GetPublicKeyResponse> GetPublicKey(GetPublicKeyRequest request, ServerCallContext context)
    {
        recorder.Record(nameof(GetPublicKey), request, context);
        return OnGetPublicKey(request, context);
    }

    public Func<QueryAuditLogRequest, IServerStreamWriter<QueryAuditLogResponse>, ServerCallContext, Task> OnQueryAuditLog { get; set; } =
        (_, _, _) => Task.CompletedTask;

    public Func<ExportAuditLogRequest, IServerStreamWriter<ExportAuditLogResponse>, ServerCallContext, Task> OnExportAuditLog { get; set; } =
        (_, _, _) => Task.CompletedTask;

    public override Task QueryAuditLog(QueryAuditLogRequest request, IServerStreamWriter<QueryAuditLogResponse> responseStream, ServerCallContext context)
    {
        recorder.Record(nameof(QueryAuditLog), request, context);
        return OnQueryAuditLog(request, responseStream, context);
    }

    public override Task ExportAuditLog(ExportAuditLogRequest request, IServerStreamWriter<ExportAuditLogResponse> responseStream, ServerCallContext context)
    {
        recorder.Record(nameof(ExportAuditLog), request, context);
        return OnExportAuditLog(request, responseStream, context);
    }
}
