using Google.Rpc;
using Grpc.Core;
using Polly.Timeout;
using RpcStatus = Google.Rpc.Status;

namespace Registry.Client.Internal;

/// <summary>The one place where gRPC failures become <see cref="RegistryRequestException"/>s.</summary>
internal static class RegistryErrorConverter
{
    /// <summary>The <see cref="RegistryRequestException.ErrorCode"/> of a call the client did not send because its circuit was open.</summary>
    public const string CircuitOpenErrorCode = "CIRCUIT_OPEN";

    private const int MaxDetailLength = 200;

    public static RegistryRequestException FromRpcException(RpcException exception, string? requestId)
    {
        RpcStatus? status = null;
        try
        {
            status = exception.GetRpcStatus();
        }
        catch (Google.Protobuf.InvalidProtocolBufferException)
        {
            // A garbled grpc-status-details-bin trailer must not hide the plain status behind a parse error.
        }

        return Create(exception.StatusCode, exception.Status.Detail, status, requestId, exception);
    }

    public static RegistryRequestException FromStatus(RpcStatus status, string? requestId) =>
        Create((StatusCode)status.Code, status.Message, status, requestId, innerException: null);

    public static RegistryRequestException FromTimeout(TimeoutRejectedException exception, string? requestId) =>
        new(StatusCode.DeadlineExceeded,
            $"DEADLINE_EXCEEDED: the call did not complete within the client's timeout of {exception.Timeout}{RequestIdSuffix(requestId)}.",
            requestId: requestId,
            innerException: exception);

    public static RegistryRequestException FromOpenCircuit(Exception exception, TimeSpan retryAfter, DateTimeOffset retryAt, string? requestId) =>
        new(StatusCode.Unavailable,
            $"The Registry client's circuit is open after repeated UNAVAILABLE answers: the call was not sent; calls go through " +
            $"again from {retryAt.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fff'Z'} (in {retryAfter.TotalSeconds:0.###} s){RequestIdSuffix(requestId)}.",
            CircuitOpenErrorCode,
            retryAfter: retryAfter,
            requestId: requestId,
            innerException: exception);

    /// <summary>The server's RetryInfo delay, when the failure carries one.</summary>
    public static TimeSpan? GetRetryDelay(RpcException exception)
    {
        try
        {
            return exception.GetRpcStatus()?.GetDetail<RetryInfo>()?.RetryDelay?.ToTimeSpan();
        }
        catch (Google.Protobuf.InvalidProtocolBufferException)
        {
            return null;
        }
    }

    /// <summary>The failure's <c>google.rpc.ErrorInfo.reason</c>, when it carries one.</summary>
    public static string? GetReason(RpcException exception)
    {
        try
        {
            return NullIfEmpty(exception.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Reason);
        }
        catch (Google.Protobuf.InvalidProtocolBufferException)
        {
            return null;
        }
    }

    private static RegistryRequestException Create(
        StatusCode code, string? detail, RpcStatus? status, string? requestId, Exception? innerException)
    {
        var info = status?.GetDetail<ErrorInfo>();
        var reason = NullIfEmpty(info?.Reason);
        var metadata = info?.Metadata.ToDictionary(StringComparer.Ordinal) ?? [];
        var violations = status?.GetDetail<BadRequest>()?.FieldViolations
            .Select(v => new RegistryFieldViolation(v.Field, v.Description))
            .ToArray();
        var retryAfter = status?.GetDetail<RetryInfo>()?.RetryDelay?.ToTimeSpan();
        requestId ??= NullIfEmpty(status?.GetDetail<RequestInfo>()?.RequestId);
        var message = BuildMessage(code, reason, detail, requestId);

        var exception = code switch
        {
            StatusCode.NotFound =>
                new RegistryNotFoundException(code, message, reason, violations, retryAfter, requestId, innerException) { ErrorMetadata = metadata },
            StatusCode.InvalidArgument or StatusCode.OutOfRange =>
                new RegistryValidationException(code, message, reason, violations, retryAfter, requestId, innerException) { ErrorMetadata = metadata },
            StatusCode.AlreadyExists or StatusCode.FailedPrecondition or StatusCode.Aborted =>
                new RegistryConflictException(code, message, reason, violations, retryAfter, requestId, innerException) { ErrorMetadata = metadata },
            StatusCode.Unauthenticated or StatusCode.PermissionDenied =>
                new RegistryAuthException(code, message, reason, violations, retryAfter, requestId, innerException) { ErrorMetadata = metadata },
            _ => new RegistryRequestException(code, message, reason, violations, retryAfter, requestId, innerException) { ErrorMetadata = metadata },
        };
        return exception;
    }

    // The server's status message is written by the service for partners and carries no personal data;
    // it is still truncated so an unexpected proxy page cannot flood logs.
    private static string BuildMessage(StatusCode code, string? reason, string? detail, string? requestId)
    {
        var text = $"The Registry service answered {StatusCodeNames.Of(code)}";
        if (reason is not null)
        {
            text += $" ({reason})";
        }

        if (!string.IsNullOrWhiteSpace(detail))
        {
            text += ": " + (detail.Length > MaxDetailLength ? detail[..MaxDetailLength] + "…" : detail);
        }

        return text + RequestIdSuffix(requestId) + ".";
    }

    private static string RequestIdSuffix(string? requestId) =>
        requestId is null ? string.Empty : $" (request id {requestId})";

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
