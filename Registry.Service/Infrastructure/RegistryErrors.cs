using Grpc.Core;

namespace Registry.Service.Infrastructure;

/// <summary>Factories for the expected failures, so that codes and reasons stay consistent.</summary>
public static class RegistryErrors
{
    /// <summary>The reason of <see cref="AuditUnavailable"/>: the call failed closed.</summary>
    public const string AuditUnavailableReason = "AUDIT_UNAVAILABLE";

    public static RegistryException Validation(params FieldViolation[] violations) =>
        Validation((IReadOnlyList<FieldViolation>)violations);

    public static RegistryException Validation(IReadOnlyList<FieldViolation> violations) =>
        new(StatusCode.InvalidArgument, "INVALID_ARGUMENT",
            "The request is invalid: " + string.Join("; ", violations.Select(v => $"{v.Field}: {v.Description}")),
            violations);

    /// <summary>The request is not a well-formed gRPC message (framing or protobuf); nothing of it was used.</summary>
    public static RegistryException MalformedRequest(string message) => new(StatusCode.InvalidArgument, "MALFORMED_REQUEST", message);

    /// <summary>A request message, or a stream of them, is past the RPC's limit (<see cref="RpcLimits"/>); retrying cannot help.</summary>
    public static RegistryException RequestTooLarge(string message) => new(StatusCode.ResourceExhausted, "REQUEST_TOO_LARGE", message);

    public static RegistryException NotFound(string reason, string message) => new(StatusCode.NotFound, reason, message);

    public static RegistryException PermissionDenied(string reason, string message) =>
        new(StatusCode.PermissionDenied, reason, message);

    public static RegistryException FailedPrecondition(string reason, string message) =>
        new(StatusCode.FailedPrecondition, reason, message);

    public static RegistryException AlreadyExists(string reason, string message) => new(StatusCode.AlreadyExists, reason, message);

    public static RegistryException Unauthenticated(string reason, string message) =>
        new(StatusCode.Unauthenticated, reason, message);

    public static RegistryException ResourceExhausted(string reason, string message, TimeSpan retryDelay) =>
        new(StatusCode.ResourceExhausted, reason, message) { RetryDelay = retryDelay };

    public static RegistryException AuditUnavailable(Exception? inner = null) =>
        new(StatusCode.Unavailable, AuditUnavailableReason,
            "The audit log could not record this call, so nothing was changed or disclosed. Retry later.")
        {
            RetryDelay = TimeSpan.FromSeconds(1),
            Metadata = inner is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["cause"] = inner.GetType().Name },
        };
}
