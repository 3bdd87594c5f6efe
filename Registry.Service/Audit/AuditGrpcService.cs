using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Registry.Client.Transparency;
using Registry.Protos.V1;
using Registry.Service.Identity;
using Registry.Service.Partners;

namespace Registry.Service.Audit;

/// <summary>The gRPC adapter of the auditor API (auditor role only; every call but GetPublicKey is audited).</summary>
[Authorize(Policy = RegistryPolicies.Auditor)]
public sealed class AuditGrpcService(
    AuditQueryHandler queries, AuditProofHandler proofs, AuditVerifyHandler verification, AuditorCalls auditorCalls,
    NoteSigner signer, IOptions<AuditOptions> options) : Protos.V1.AuditService.AuditServiceBase
{
    private string Origin => options.Value.Origin;

    public override async Task QueryAuditLog(QueryAuditLogRequest request, IServerStreamWriter<QueryAuditLogResponse> responseStream, ServerCallContext context)
    {
        var (auditId, pages) = await queries.QueryAsync(context.GetCaller(), AuditMapping.ToQuery(request), context.CancellationToken);
        var first = true;
        await foreach (var page in pages.WithCancellation(context.CancellationToken))
        {
            var response = new QueryAuditLogResponse { NextPageToken = page.NextPageToken, AuditEntryId = first ? auditId : string.Empty };
            response.Entries.AddRange(page.Entries.Select(AuditMapping.ToProto));
            await responseStream.WriteAsync(response, context.CancellationToken);
            first = false;
        }

        if (first)
        {
            await responseStream.WriteAsync(new QueryAuditLogResponse { AuditEntryId = auditId }, context.CancellationToken);
        }
    }

    public override async Task<VerifyAuditLogResponse> VerifyAuditLog(VerifyAuditLogRequest request, ServerCallContext context)
    {
        var to = request.HasToSequence && request.ToSequence != 0 ? request.ToSequence : (long?)null;
        var (result, auditId) = await verification.VerifyAsync(context.GetCaller(), request.FromSequence, to, context.CancellationToken);
        return AuditMapping.ToProto(result, auditId);
    }

    public override async Task<ListCheckpointsResponse> ListCheckpoints(ListCheckpointsRequest request, ServerCallContext context)
    {
        if (request.PageSize is < 0 or > AuditQueryHandler.MaxPageSize || request.BeforeSize < 0)
        {
            throw AuditErrors.Invalid("page_size", $"must be 0..{AuditQueryHandler.MaxPageSize}");
        }

        var auditId = await auditorCalls.RecordAsync(context.GetCaller(), AuditActions.AuditCheckpoints, $"before={request.BeforeSize}", context.CancellationToken);
        var list = await queries.CheckpointsAsync(0, request.BeforeSize == 0 ? long.MaxValue : request.BeforeSize - 1,
            request.PageSize == 0 ? 100 : request.PageSize, context.CancellationToken);
        var response = new ListCheckpointsResponse { AuditEntryId = auditId };
        response.Checkpoints.AddRange(list.Select(c => AuditMapping.ToProto(c, Origin)));
        return response;
    }

    public override async Task<GetInclusionProofResponse> GetInclusionProof(GetInclusionProofRequest request, ServerCallContext context)
    {
        var proof = await proofs.InclusionAsync(context.GetCaller(), request.EntryId, request.TreeSize, context.CancellationToken);
        var response = new GetInclusionProofResponse
        {
            Entry = AuditMapping.ToProto(proof.Entry),
            CanonicalEntry = ByteString.CopyFrom(proof.CanonicalEntry),
            LeafIndex = proof.Entry.Sequence!.Value,
            TreeSize = proof.TreeSize,
            Checkpoint = AuditMapping.ToProto(proof.Checkpoint, Origin),
            AuditEntryId = proof.AuditEntryId,
        };
        response.Proof.AddRange(AuditMapping.ToProto(proof.Path));
        return response;
    }

    public override async Task<GetConsistencyProofResponse> GetConsistencyProof(GetConsistencyProofRequest request, ServerCallContext context)
    {
        var proof = await proofs.ConsistencyAsync(context.GetCaller(), request.FirstSize, request.SecondSize, context.CancellationToken);
        var response = new GetConsistencyProofResponse
        {
            FirstSize = proof.FirstSize,
            SecondSize = proof.SecondSize,
            FirstCheckpoint = AuditMapping.ToProto(proof.FirstCheckpoint, Origin),
            SecondCheckpoint = AuditMapping.ToProto(proof.SecondCheckpoint, Origin),
            AuditEntryId = proof.AuditEntryId,
        };
        response.Proof.AddRange(AuditMapping.ToProto(proof.Path));
        return response;
    }

    public override Task<GetPublicKeyResponse> GetPublicKey(GetPublicKeyRequest request, ServerCallContext context) =>
        Task.FromResult(new GetPublicKeyResponse { VerifierKey = signer.Verifier.VerifierKey, Origin = Origin });

    public override async Task ExportAuditLog(ExportAuditLogRequest request, IServerStreamWriter<ExportAuditLogResponse> responseStream, ServerCallContext context)
    {
        var to = request.HasToSequence ? request.ToSequence : (long?)null;
        if (request.FromSequence < 0 || to < request.FromSequence)
        {
            throw AuditErrors.Invalid("to_sequence", "must be at least from_sequence, and from_sequence at least 0");
        }

        await auditorCalls.RecordAsync(context.GetCaller(), AuditActions.AuditExport, $"from={request.FromSequence};to={to}", context.CancellationToken);
        await foreach (var page in queries.ExportAsync(request.FromSequence, to, context.CancellationToken))
        {
            var response = new ExportAuditLogResponse();
            response.Entries.AddRange(page.Select(AuditMapping.ToProto));
            response.CanonicalEntries.AddRange(page.Select(e => ByteString.CopyFrom(
                AuditEntryEncoding.Encode(e.Sequence!.Value, AuditEntryMapping.ToData(e)))));
            var checkpoints = await queries.CheckpointsAsync(page[0].Sequence!.Value + 1, page[^1].Sequence!.Value + 1, int.MaxValue, context.CancellationToken);
            response.Checkpoints.AddRange(checkpoints.Reverse().Select(c => AuditMapping.ToProto(c, Origin)));
            await responseStream.WriteAsync(response, context.CancellationToken);
        }
    }
}
