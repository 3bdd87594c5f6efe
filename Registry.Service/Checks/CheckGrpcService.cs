using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Registry.Protos.V1;
using Registry.Service.Identity;
using Registry.Service.Infrastructure;
using Registry.Service.Partners;

namespace Registry.Service.Checks;

/// <summary>The gRPC adapter of Check and CheckBatch.</summary>
[Authorize(Policy = RegistryPolicies.Partner)]
public sealed class CheckGrpcService(CheckHandler handler) : CheckService.CheckServiceBase
{
    public override async Task<CheckResponse> Check(CheckRequest request, ServerCallContext context)
    {
        var result = await handler.HandleAsync(context.GetCaller(), CheckMapping.ToCommand(request), context.CancellationToken);
        return CheckMapping.ToResponse(result);
    }

    public override async Task<CheckBatchResponse> CheckBatch(CheckBatchRequest request, ServerCallContext context)
    {
        if (request.Items.Count is 0 or > CheckMapping.MaxBatchItems)
        {
            throw RegistryErrors.Validation(new FieldViolation("items", $"must hold 1..{CheckMapping.MaxBatchItems} checks, got {request.Items.Count}"));
        }

        var caller = context.GetCaller();
        var response = new CheckBatchResponse();
        for (var i = 0; i < request.Items.Count; i++)
        {
            var item = new CheckBatchItemResult { Index = i };
            try
            {
                item.Response = CheckMapping.ToResponse(
                    await handler.HandleAsync(caller, CheckMapping.ToCommand(request.Items[i]), context.CancellationToken));
            }
            catch (RegistryException ex) when (ex.Reason != "AUDIT_UNAVAILABLE")
            {
                // Each item stands alone; only an audit failure fails the whole call (fail closed: nothing disclosed).
                item.Error = RegistryStatusMapping.ToStatus(ex);
            }

            response.Results.Add(item);
        }

        return response;
    }
}
