using Grpc.Core;

namespace Registry.Client;

/// <summary>The Registry service refused or failed a call, or the call could not reach it in time.</summary>
/// <remarks>Every gRPC failure is converted into this type or one of its subclasses, which exist where callers branch:
/// <see cref="RegistryNotFoundException"/>, <see cref="RegistryValidationException"/>, <see cref="RegistryConflictException"/>,
/// <see cref="RegistryAuthException"/>. Branch on <see cref="ErrorCode"/> for the precise reason. Messages never contain
/// API keys, hashes or identifiers.</remarks>
public class RegistryRequestException : Exception
{
    /// <summary>Creates an exception with status <see cref="StatusCode.Unknown"/> and a default message.</summary>
    public RegistryRequestException()
        : this("The Registry service failed the call.")
    {
    }

    /// <summary>Creates an exception with status <see cref="StatusCode.Unknown"/>.</summary>
    /// <param name="message">The message.</param>
    public RegistryRequestException(string message)
        : this(message, null)
    {
    }

    /// <summary>Creates an exception with status <see cref="StatusCode.Unknown"/> and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public RegistryRequestException(string message, Exception? innerException)
        : this(StatusCode.Unknown, message, innerException: innerException)
    {
    }

    /// <summary>Creates an exception with every detail.</summary>
    /// <param name="statusCode">The gRPC status code.</param>
    /// <param name="message">The message; it must not contain secrets or personal data.</param>
    /// <param name="errorCode">The server's machine-readable reason (<c>google.rpc.ErrorInfo.reason</c>), if any.</param>
    /// <param name="fieldViolations">The invalid request fields, if any.</param>
    /// <param name="retryAfter">How long the server asked the caller to wait before retrying, if it did.</param>
    /// <param name="requestId">The id of the request, if it had one.</param>
    /// <param name="innerException">The cause, usually an <see cref="RpcException"/>.</param>
    public RegistryRequestException(
        StatusCode statusCode,
        string message,
        string? errorCode = null,
        IReadOnlyList<RegistryFieldViolation>? fieldViolations = null,
        TimeSpan? retryAfter = null,
        string? requestId = null,
        Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        ErrorCode = errorCode;
        FieldViolations = fieldViolations ?? [];
        RetryAfter = retryAfter;
        RequestId = requestId;
    }

    /// <summary>Gets the gRPC status code of the failure.</summary>
    /// <value><see cref="StatusCode.DeadlineExceeded"/> when the client's own timeout expired.</value>
    public StatusCode StatusCode { get; }

    /// <summary>Gets the server's machine-readable reason, e.g. <c>CONSENT_EXPIRED</c>.</summary>
    /// <value>The <c>google.rpc.ErrorInfo.reason</c> of the status, or <see langword="null"/> when the server sent none.</value>
    public string? ErrorCode { get; }

    /// <summary>Gets the invalid request fields the server reported.</summary>
    /// <value>Empty unless the server sent <c>google.rpc.BadRequest</c> details.</value>
    public IReadOnlyList<RegistryFieldViolation> FieldViolations { get; }

    /// <summary>Gets how long the server asked the caller to wait before retrying.</summary>
    /// <value>The <c>google.rpc.RetryInfo.retry_delay</c>, or <see langword="null"/>.</value>
    public TimeSpan? RetryAfter { get; }

    /// <summary>Gets the non-personal metadata of the server's <c>google.rpc.ErrorInfo</c>.</summary>
    /// <value>Empty when the server sent none.</value>
    public IReadOnlyDictionary<string, string> ErrorMetadata { get; init; } = new Dictionary<string, string>();

    /// <summary>Gets the id of the audit entry that records the refused call, when the service reports one (refused checks
    /// are audited too).</summary>
    /// <value>The <c>audit_entry_id</c> of <see cref="ErrorMetadata"/>, or <see langword="null"/>.</value>
    public string? AuditEntryId => ErrorMetadata.TryGetValue("audit_entry_id", out var id) ? id : null;

    /// <summary>Gets the id of the failed request, for correlation with the audit log.</summary>
    /// <value>The request id sent with the call, or <see langword="null"/> for calls without one.</value>
    public string? RequestId { get; }
}
