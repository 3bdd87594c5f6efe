using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Registry.Protos.V1;
using Registry.Service.Identity;
using Registry.Service.Import;
using Registry.Service.Infrastructure;
using Registry.Service.Records;

namespace Registry.Service.Partners;

/// <summary>The gRPC adapter of the admin RPCs.</summary>
[Authorize(Policy = RegistryPolicies.Admin)]
public sealed class AdminGrpcService(PartnerAdministration partners, RecordCorrection records, RecordImportHandler import, ImportJobQuery importJobs)
    : AdminService.AdminServiceBase
{
    public override Task ImportRecords(
        IAsyncStreamReader<ImportRecordsRequest> requestStream, IServerStreamWriter<ImportRecordsResponse> responseStream, ServerCallContext context) =>
        import.RunAsync(context.GetCaller(), requestStream, responseStream, context.CancellationToken);

    public override async Task<ListImportJobsResponse> ListImportJobs(ListImportJobsRequest request, ServerCallContext context) =>
        ImportJobMapping.ToProto(await importJobs.ListAsync(request.PageSize, request.BeforeImportId, context.CancellationToken));

    public override async Task<CreatePartnerResponse> CreatePartner(CreatePartnerRequest request, ServerCallContext context)
    {
        var (partner, key, entryId) = await partners.CreateAsync(context.GetCaller(), PartnerMapping.ToCommand(request), context.CancellationToken);
        return new CreatePartnerResponse { Partner = PartnerMapping.ToProto(partner), ApiKey = PartnerMapping.ToProto(key), AuditEntryId = entryId };
    }

    public override async Task<ListPartnersResponse> ListPartners(ListPartnersRequest request, ServerCallContext context)
    {
        var response = new ListPartnersResponse();
        response.Partners.Add((await partners.ListAsync(context.CancellationToken)).Select(PartnerMapping.ToProto));
        return response;
    }

    public override async Task<SetPartnerSuspendedResponse> SetPartnerSuspended(SetPartnerSuspendedRequest request, ServerCallContext context)
    {
        var (partner, entryId) = await partners.SetSuspendedAsync(
            context.GetCaller(), request.PartnerId, request.Suspended, request.Reason, context.CancellationToken);
        return new SetPartnerSuspendedResponse { Partner = PartnerMapping.ToProto(partner), AuditEntryId = entryId };
    }

    public override async Task<SetPartnerQuotaResponse> SetPartnerQuota(SetPartnerQuotaRequest request, ServerCallContext context)
    {
        var (partner, entryId) = await partners.SetQuotaAsync(
            context.GetCaller(), request.PartnerId, request.PermitsPerSecond, request.Burst, request.Reason, context.CancellationToken);
        return new SetPartnerQuotaResponse { Partner = PartnerMapping.ToProto(partner), AuditEntryId = entryId };
    }

    public override async Task<IssueApiKeyResponse> IssueApiKey(IssueApiKeyRequest request, ServerCallContext context)
    {
        var (key, entryId) = await partners.IssueKeyAsync(context.GetCaller(), request.PartnerId, context.CancellationToken);
        return new IssueApiKeyResponse { ApiKey = PartnerMapping.ToProto(key), AuditEntryId = entryId };
    }

    public override async Task<RevokeApiKeyResponse> RevokeApiKey(RevokeApiKeyRequest request, ServerCallContext context)
    {
        var (revokedAt, entryId) = await partners.RevokeKeyAsync(context.GetCaller(), request.KeyId, context.CancellationToken);
        return new RevokeApiKeyResponse { RevokedAt = revokedAt.ToTimestamp(), AuditEntryId = entryId };
    }

    public override async Task<CorrectRecordResponse> CorrectRecord(CorrectRecordRequest request, ServerCallContext context)
    {
        var entryId = await records.CorrectAsync(context.GetCaller(), request.SourceId, request.CaseNumber,
            request.Status.ToDomain(), request.ExpiresAt.ToDateOnly("expires_at"), request.Reason, context.CancellationToken);
        return new CorrectRecordResponse { AuditEntryId = entryId };
    }

    public override async Task<ExpungeRecordResponse> ExpungeRecord(ExpungeRecordRequest request, ServerCallContext context)
    {
        var entryId = await records.ExpungeAsync(context.GetCaller(), request.SourceId, request.CaseNumber, request.Reason, context.CancellationToken);
        return new ExpungeRecordResponse { AuditEntryId = entryId };
    }
}
