using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Registry.Protos.V1;
using Registry.Service.Enumeration;
using Registry.Service.Identity;
using Registry.Service.Infrastructure;
using Registry.Service.Partners;
using Registry.Service.Quotas;

namespace Registry.Service.Consent;

/// <summary>The gRPC adapter of the consent RPCs.</summary>
[Authorize(Policy = RegistryPolicies.Partner)]
public sealed class ConsentGrpcService(
    GrantConsentHandler grant,
    RevokeConsentHandler revoke,
    GetConsentHandler get,
    PartnerQuotas quotas,
    EnumerationWatch watch) : ConsentService.ConsentServiceBase
{
    public override async Task<GrantConsentResponse> GrantConsent(GrantConsentRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        quotas.Acquire(caller, 1);
        watch.Admit(caller);
        var granted = await grant.HandleAsync(caller, ConsentMapping.ToCommand(request), context.CancellationToken);
        watch.ObserveGrant(caller, granted.Subject.Value, granted.ConsentId, granted.EvidenceCapturedAt, granted.GrantedAt);
        return ConsentMapping.ToResponse(granted);
    }

    public override async Task<RevokeConsentResponse> RevokeConsent(RevokeConsentRequest request, ServerCallContext context)
    {
        var (revokedAt, entryId) = await revoke.HandleAsync(
            context.GetCaller(), request.ConsentId, request.RequestId.NullIfEmpty(), context.CancellationToken);
        return new RevokeConsentResponse { RevokedAt = revokedAt.ToTimestamp(), AuditEntryId = entryId };
    }

    public override async Task<GetConsentResponse> GetConsent(GetConsentRequest request, ServerCallContext context)
    {
        var consent = await get.HandleAsync(context.GetCaller(), request.ConsentId, context.CancellationToken);
        return new GetConsentResponse { Consent = ConsentMapping.ToProto(consent) };
    }
}
