using System.Globalization;
using Grpc.Core;
using Registry.Service.Infrastructure;

namespace Registry.Service.Partners;

/// <summary>
/// Why a presented key was refused. <see cref="KeyId"/> is set only when the key exists (a key id an attacker made up is
/// never recorded), <see cref="PartnerId"/> only for a suspended partner. A fresh exception is built for each caller.
/// </summary>
public sealed record ApiKeyRefusal(StatusCode Code, string Reason, string Message, string? KeyId = null, string? PartnerId = null, TimeSpan? RetryDelay = null)
{
    public const string MissingReason = "API_KEY_MISSING";
    public const string InvalidReason = "API_KEY_INVALID";
    public const string RevokedReason = "API_KEY_REVOKED";
    public const string SuspendedReason = "PARTNER_SUSPENDED";
    public const string RoleNotAllowedReason = "ROLE_NOT_ALLOWED";
    public const string ThrottledReason = "AUTH_THROTTLED";
    public const string BusyReason = "AUTH_BUSY";

    /// <summary>The malformed key's reason is API_KEY_INVALID too; only the metric's tag tells it apart.</summary>
    public const string MalformedTag = "API_KEY_MALFORMED";

    private static readonly TimeSpan BusyRetryDelay = TimeSpan.FromSeconds(1);

    public static ApiKeyRefusal Missing { get; } = new(StatusCode.Unauthenticated, MissingReason,
        "No API key: send the header 'authorization: Bearer rk_<key id>_<secret>'.");

    public static ApiKeyRefusal Malformed { get; } = new(StatusCode.Unauthenticated, InvalidReason,
        "The API key is malformed: expected 'Bearer rk_<16 hex id>_<64 hex secret>'.") { Tag = MalformedTag };

    public static ApiKeyRefusal Busy { get; } = new(StatusCode.ResourceExhausted, BusyReason,
        "Too many API keys are being verified right now; retry in 1 s.", RetryDelay: BusyRetryDelay);

    /// <summary>The reason as the metric and the audit summary count it.</summary>
    public string Tag { get; init; } = Reason;

    /// <summary>True for the answers that hold for the same key and secret next time (remembered, see <see cref="ApiKeyFailureCache"/>).</summary>
    public bool IsLasting => Reason is InvalidReason or RevokedReason or SuspendedReason;

    public static ApiKeyRefusal Invalid(string? existingKeyId) =>
        new(StatusCode.Unauthenticated, InvalidReason, "The API key is not valid.", existingKeyId);

    public static ApiKeyRefusal Revoked(string keyId) =>
        new(StatusCode.Unauthenticated, RevokedReason, $"The API key {keyId} was revoked.", keyId);

    public static ApiKeyRefusal Suspended(string keyId, string partnerId) =>
        new(StatusCode.PermissionDenied, SuspendedReason, $"Partner {partnerId} is suspended; contact the registry administrators.", keyId, partnerId);

    public static ApiKeyRefusal Throttled(TimeSpan retryAfter) =>
        new(StatusCode.ResourceExhausted, ThrottledReason,
            string.Create(CultureInfo.InvariantCulture,
                $"Too many failed authentications from this address or for this key id; retry in {Math.Max(1, Math.Ceiling(retryAfter.TotalSeconds))} s."),
            RetryDelay: retryAfter < TimeSpan.FromMilliseconds(100) ? TimeSpan.FromMilliseconds(100) : retryAfter);

    public static ApiKeyRefusal RoleNotAllowed(string? keyId, string role, string path) =>
        new(StatusCode.PermissionDenied, RoleNotAllowedReason, $"The API key's role ({role}) may not call {path}.", keyId);

    public RegistryException ToException() => new(Code, Reason, Message) { RetryDelay = RetryDelay };
}
