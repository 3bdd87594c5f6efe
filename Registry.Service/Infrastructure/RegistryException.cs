using Grpc.Core;

namespace Registry.Service.Infrastructure;

/// <summary>
/// An expected failure of a handler. Carries the gRPC status code it maps to, a stable machine-readable
/// <see cref="Reason"/> (sent as <c>google.rpc.ErrorInfo.reason</c>) and, for validation, field violations.
/// Handlers throw these; only <see cref="ErrorMappingInterceptor"/> turns them into an <see cref="RpcException"/>.
/// </summary>
public class RegistryException(StatusCode code, string reason, string message, IReadOnlyList<FieldViolation>? violations = null)
    : Exception(message)
{
    public StatusCode Code { get; } = code;

    public string Reason { get; } = reason;

    public IReadOnlyList<FieldViolation> Violations { get; } = violations ?? [];

    /// <summary>The delay a client should wait before retrying, when the failure is transient.</summary>
    public TimeSpan? RetryDelay { get; init; }

    /// <summary>Extra non-personal metadata for <c>ErrorInfo.metadata</c> (e.g. the audit entry id of a refusal).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
}
