using Grpc.Core;

namespace Registry.Client;

/// <summary>The request conflicts with the current state, e.g. a consent already revoked or a partner that exists.</summary>
/// <remarks>Raised for <see cref="StatusCode.AlreadyExists"/>, <see cref="StatusCode.FailedPrecondition"/> and <see cref="StatusCode.Aborted"/>.</remarks>
public class RegistryConflictException : RegistryRequestException
{
    /// <summary>Creates an exception with every detail.</summary>
    /// <param name="statusCode">The gRPC status code.</param>
    /// <param name="message">The message; it must not contain secrets or personal data.</param>
    /// <param name="errorCode">The server's machine-readable reason (<c>google.rpc.ErrorInfo.reason</c>), if any.</param>
    /// <param name="fieldViolations">The invalid request fields, if any.</param>
    /// <param name="retryAfter">How long the server asked the caller to wait before retrying, if it did.</param>
    /// <param name="requestId">The id of the request, if it had one.</param>
    /// <param name="innerException">The cause, usually an <see cref="RpcException"/>.</param>
    public RegistryConflictException(
        StatusCode statusCode,
        string message,
        string? errorCode = null,
        IReadOnlyList<RegistryFieldViolation>? fieldViolations = null,
        TimeSpan? retryAfter = null,
        string? requestId = null,
        Exception? innerException = null)
        : base(statusCode, message, errorCode, fieldViolations, retryAfter, requestId, innerException)
    {
    }
}
