using Grpc.Core;
using Registry.Protos.V1;

namespace Registry.Client.Tests.Infrastructure;

/// <summary>A hand-written ConsentService: each RPC records the call, then runs a handler the test sets.</summary>
public sealed class FakeConsentService(CallRecorder recorder) : ConsentService.ConsentServiceBase
{
    public Func<GrantConsentRequest, ServerCallContext, Task<GrantConsentResponse>> OnGrantConsent { get; set; } = (_, _) => Task.FromResult(new GrantConsentResponse());

    public Func<RevokeConsentRequest, ServerCallContext, Task<RevokeConsentResponse>> OnRevokeConsent { get; set; } = (_, _) => Task.FromResult(new RevokeConsentResponse());

    public Func<GetConsentRequest, ServerCallContext, Task<GetConsentResponse>> OnGetConsent { get; set; } = (_, _) => Task.FromResult(new GetConsentResponse());

    public override Task<GrantConsentResponse> GrantConsent(GrantConsentRequest request, ServerCallContext context)
    {
        recorder.Record(nameof(GrantConsent), request, context);
        return OnGrantConsent(request, context);
    }

    public override Task<RevokeConsentResponse> RevokeConsent(RevokeConsentRequest request, ServerCallContext context)
    {
        recorder.Record(nameof(RevokeConsent), request, context);
        return OnRevokeConsent(request, context);
    }

    public override Task<GetConsentResponse> GetConsent(GetConsentRequest request, ServerCallContext context)
    {
        recorder.Record(nameof(GetConsent), request, context);
        return OnGetConsent(request, context);
    }
}
