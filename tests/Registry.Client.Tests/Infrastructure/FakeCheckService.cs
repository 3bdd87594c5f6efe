using Grpc.Core;
using Registry.Protos.V1;

namespace Registry.Client.Tests.Infrastructure;

/// <summary>A hand-written CheckService: each RPC records the call, then runs a handler the test sets.</summary>
public sealed class FakeCheckService(CallRecorder recorder) : CheckService.CheckServiceBase
{
    public Func<CheckRequest, ServerCallContext, Task<CheckResponse>> OnCheck { get; set; } = (_, _) => Task.FromResult(new CheckResponse());

    public Func<CheckBatchRequest, ServerCallContext, Task<CheckBatchResponse>> OnCheckBatch { get; set; } = (_, _) => Task.FromResult(new CheckBatchResponse());

    public override Task<CheckResponse> Check(CheckRequest request, ServerCallContext context)
    {
        recorder.Record(nameof(Check), request, context);
        return OnCheck(request, context);
    }

    public override Task<CheckBatchResponse> CheckBatch(CheckBatchRequest request, ServerCallContext context)
    {
        recorder.Record(nameof(CheckBatch), request, context);
        return OnCheckBatch(request, context);
    }
}
