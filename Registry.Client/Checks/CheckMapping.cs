using Registry.Client.Consents;
using Registry.Client.Internal;
using P = Registry.Protos.V1;

namespace Registry.Client.Checks;

/// <summary>Maps check models to and from the v1 contract.</summary>
internal static class CheckMapping
{
    public static P.CheckRequest ToProto(CheckItem item, string requestId) => new()
    {
        ConsentId = item.ConsentId,
        H1 = IdentityMapping.ToH1(item.Subject),
        Purpose = PurposeWire.ToProto(item.Purpose),
        RequestId = requestId,
    };

    public static CheckResult ToSdk(P.CheckResponse response, string requestId) => new(
        CheckOutcomeWire.ToSdk(response.Outcome),
        response.Summary is null ? null : ToSdk(response.Summary),
        response.AuditEntryId,
        response.ConsentUsesRemaining,
        requestId);

    public static CheckBatchItemResult ToSdk(P.CheckBatchItemResult item, string requestId) =>
        item.ResultCase == P.CheckBatchItemResult.ResultOneofCase.Response
            ? new(item.Index, ToSdk(item.Response, requestId), null)
            : new(item.Index, null, RegistryErrorConverter.FromStatus(
                item.Error ?? new Google.Rpc.Status { Code = (int)Grpc.Core.StatusCode.Unknown }, requestId));

    private static CheckSummary ToSdk(P.CheckSummary summary) => new(
        summary.Categories
            .Select(c => new CategorySummary(
                RecordCategoryWire.ToSdk(c.Category), c.Count, ProtoConvert.ToDateOnly(c.LatestDecisionDate)))
            .ToArray(),
        summary.ProtectiveOrderInForce);
}
