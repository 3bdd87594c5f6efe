using Grpc.Core;

namespace Registry.Service.Infrastructure;

/// <summary>
/// The outcome and reason tags of a call that ended in an exception: PERMISSION_DENIED is a refusal under the rules,
/// INVALID_ARGUMENT a bad request, any other <see cref="RegistryException"/> a failure with its reason. A reason is
/// always one of the service's constant codes, never a message (which may name an id).
/// </summary>
public static class TelemetryOutcome
{
    public const string Refused = "REFUSED";
    public const string Invalid = "INVALID";
    public const string Failed = "FAILED";
    public const string Cancelled = "CANCELLED";

    public static (string Outcome, string? Reason) Of(Exception exception) => exception switch
    {
        RegistryException { Code: StatusCode.PermissionDenied } refused => (Refused, refused.Reason),
        RegistryException { Code: StatusCode.InvalidArgument } invalid => (Invalid, invalid.Reason),
        RegistryException failed => (Failed, failed.Reason),
        OperationCanceledException => (Cancelled, null),
        _ => (Failed, "UNKNOWN"),
    };
}
