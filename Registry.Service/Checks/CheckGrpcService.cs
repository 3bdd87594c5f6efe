using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Registry.Protos.V1;
using Registry.Service.Enumeration;
using Registry.Service.Identity;
using Registry.Service.Infrastructure;
using Registry.Service.Partners;
using Registry.Service.Quotas;

namespace Registry.Service.Checks;

/// <summary>The gRPC adapter of Check and CheckBatch. A singleton: a call builds no scope and no data access.</summary>
[Authorize(Policy = RegistryPolicies.Partner)]
public sealed class CheckGrpcService(CheckHandler handler, PartnerQuotas quotas, EnumerationWatch watch) : CheckService.CheckServiceBase
{
    public override async Task<CheckResponse> Check(CheckRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        quotas.Acquire(caller, 1);
        watch.Admit(caller);
        var outcome = await handler.HandleAsync(caller, CheckMapping.ToCommand(request), context.CancellationToken);
        // A refusal comes back unthrown and ends the call unthrown too: its status and rich details go into the trailers
        // (RegistryStatusMapping, the one mapping), so a refused check costs no exception through the async frames, the
        // interceptor and the gRPC host (docs/benchmarks.md). Clients see the same RpcException as for a thrown status.
        if (outcome.Result is not { } result)
        {
            RegistryStatusMapping.SetStatus(context, outcome.Error!);
            return new CheckResponse();
        }

        watch.ObserveCheck(caller, request.ConsentId, result.RecordFound);
        return CheckMapping.ToResponse(result);
    }

    public override async Task<CheckBatchResponse> CheckBatch(CheckBatchRequest request, ServerCallContext context)
    {
        if (request.Items.Count is 0 or > CheckMapping.MaxBatchItems)
        {
            throw RegistryErrors.Validation(new FieldViolation("items", $"must hold 1..{CheckMapping.MaxBatchItems} checks, got {request.Items.Count}"));
        }

        var caller = context.GetCaller();
        quotas.Acquire(caller, request.Items.Count); // one permit per item: a batch is no way around the quota
        watch.Admit(caller);
        var commands = request.Items.Select(CheckMapping.ToCommand).ToList();
        var outcomes = await handler.HandleBatchAsync(caller, commands, context.CancellationToken);
        for (var i = 0; i < outcomes.Count; i++)
        {
            if (outcomes[i].Result is { } result)
            {
                watch.ObserveCheck(caller, commands[i].ConsentId, result.RecordFound);
            }
        }

        return CheckMapping.ToResponse(outcomes);
    }
}
