using Registry.Protos.V1;
using Registry.Service.Infrastructure;

namespace Registry.Service.Checks;

/// <summary>Proto ↔ domain mapping of the check RPCs.</summary>
public static class CheckMapping
{
    public const int MaxBatchItems = 100;

    public static CheckCommand ToCommand(CheckRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new CheckCommand(request.ConsentId, request.H1.ToByteArray(), request.Purpose.ToDomain(), request.RequestId.NullIfEmpty());
    }

    public static CheckBatchResponse ToResponse(IReadOnlyList<CheckItemOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var response = new CheckBatchResponse();
        for (var i = 0; i < outcomes.Count; i++)
        {
            var item = new CheckBatchItemResult { Index = i };
            if (outcomes[i].Result is { } result)
            {
                item.Response = ToResponse(result);
            }
            else
            {
                item.Error = RegistryStatusMapping.ToStatus(outcomes[i].Error!);
            }

            response.Results.Add(item);
        }

        return response;
    }

    public static CheckResponse ToResponse(CheckResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var response = new CheckResponse
        {
            Outcome = result.RecordFound ? CheckOutcome.RecordFound : CheckOutcome.NoRecord,
            AuditEntryId = result.AuditEntryId,
            ConsentUsesRemaining = result.ConsentUsesRemaining,
        };
        if (result.Summary is { } summary)
        {
            response.Summary = new Protos.V1.CheckSummary { ProtectiveOrderInForce = summary.ProtectiveOrderInForce };
            response.Summary.Categories.Add(summary.Categories.Select(c => new Protos.V1.CategorySummary
            {
                Category = c.Category.ToProto(),
                Count = c.Count,
                LatestDecisionDate = c.LatestDecisionDate.ToProtoDate(),
            }));
        }

        return response;
    }
}
