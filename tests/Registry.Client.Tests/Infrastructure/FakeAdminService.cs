using Grpc.Core;
using Registry.Protos.V1;

namespace Registry.Client.Tests.Infrastructure;

/// <summary>A hand-written AdminService: each RPC records the call, then runs a handler the test sets.</summary>
public sealed class FakeAdminService(CallRecorder recorder) : AdminService.AdminServiceBase
{
    public Func<CorrectRecordRequest, ServerCallContext, Task<CorrectRecordResponse>> OnCorrectRecord { get; set; } = (_, _) => Task.FromResult(new CorrectRecordResponse());

    public Func<ExpungeRecordRequest, ServerCallContext, Task<ExpungeRecordResponse>> OnExpungeRecord { get; set; } = (_, _) => Task.FromResult(new ExpungeRecordResponse());

    public Func<CreatePartnerRequest, ServerCallContext, Task<CreatePartnerResponse>> OnCreatePartner { get; set; } = (_, _) => Task.FromResult(new CreatePartnerResponse());

    public Func<ListPartnersRequest, ServerCallContext, Task<ListPartnersResponse>> OnListPartners { get; set; } = (_, _) => Task.FromResult(new ListPartnersResponse());

    public Func<ListImportJobsRequest, ServerCallContext, Task<ListImportJobsResponse>> OnListImportJobs { get; set; } = (_, _) => Task.FromResult(new ListImportJobsResponse());

    public Func<SetPartnerSuspendedRequest, ServerCallContext, Task<SetPartnerSuspendedResponse>> OnSetPartnerSuspended { get; set; } = (_, _) => Task.FromResult(new SetPartnerSuspendedResponse());

    public Func<IssueApiKeyRequest, ServerCallContext, Task<IssueApiKeyResponse>> OnIssueApiKey { get; set; } = (_, _) => Task.FromResult(new IssueApiKeyResponse());

    public Func<RevokeApiKeyRequest, ServerCallContext, Task<RevokeApiKeyResponse>> OnRevokeApiKey { get; set; } = (_, _) => Task.FromResult(new RevokeApiKeyResponse());

    public override Task<CorrectRecordResponse> CorrectRecord(CorrectRecordRequest request, ServerCallContext context)
    {
        recorder.Record(nameof(CorrectRecord), request, context);
        return OnCorrectRecord(request, context);
    }

    public override Task<ExpungeRecordResponse> ExpungeRecord(ExpungeRecordRequest request, ServerCallContext context)
    {
        recorder.Record(nameof(ExpungeRecord), request, context);
        return OnExpungeRecord(request, context);
    }

    public override Task<CreatePartnerResponse> CreatePartner(CreatePartnerRequest request, ServerCallContext context)
    {
        recorder.Record(nameof(CreatePartner), request, context);
        return OnCreatePartner(request, context);
    }

    public override Task<ListPartnersResponse> ListPartners(ListPartnersRequest request, ServerCallContext context)
    {
        recorder.Record(nameof(ListPartners), request, context);
        return OnListPartners(request, context);
    }

    public override Task<ListImportJobsResponse> ListImportJobs(ListImportJobsRequest request, ServerCallContext context)
    {
        recorder.Record(nameof(ListImportJobs), request, context);
        return OnListImportJobs(request, context);
    }

    public override Task<SetPartnerSuspendedResponse> SetPartnerSuspended(SetPartnerSuspendedRequest request, ServerCallContext context)
    {
        recorder.Record(nameof(SetPartnerSuspended), request, context);
        return OnSetPartnerSuspended(request, context);
    }

    public override Task<IssueApiKeyResponse> IssueApiKey(IssueApiKeyRequest request, ServerCallContext context)
    {
        recorder.Record(nameof(IssueApiKey), request, context);
        return OnIssueApiKey(request, context);
    }

    public override Task<RevokeApiKeyResponse> RevokeApiKey(RevokeApiKeyRequest request, ServerCallContext context)
    {
        recorder.Record(nameof(RevokeApiKey), request, context);
        return OnRevokeApiKey(request, context);
    }

    public Func<IAsyncStreamReader<ImportRecordsRequest>, IServerStreamWriter<ImportRecordsResponse>, ServerCallContext, Task> OnImportRecords { get; set; } =
        (_, _, _) => Task.CompletedTask;

    public override Task ImportRecords(
        IAsyncStreamReader<ImportRecordsRequest> requestStream, IServerStreamWriter<ImportRecordsResponse> responseStream, ServerCallContext context)
    {
        recorder.Record(nameof(ImportRecords), new ImportRecordsRequest(), context);
        return OnImportRecords(requestStream, responseStream, context);
    }
}
