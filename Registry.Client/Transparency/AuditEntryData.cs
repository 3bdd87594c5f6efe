namespace Registry.Client.Transparency;

/// <summary>The fields of an audit entry that its leaf hash covers (spec §5), apart from its sequence number.</summary>
/// <remarks>
/// A null string or byte field is encoded exactly like an empty one. <see cref="RecordedAt"/> is encoded in whole
/// microseconds since the Unix epoch (UTC); sub-microsecond ticks are not covered, so store the instant with at least
/// microsecond precision. See docs/audit.md for the byte layout.
/// </remarks>
public sealed record AuditEntryData
{
    /// <summary>Gets the entry id returned to the caller as a receipt.</summary>
    public string? EntryId { get; init; }

    /// <summary>Gets when the call was made.</summary>
    public DateTimeOffset RecordedAt { get; init; }

    /// <summary>Gets the calling partner's id; empty for the service itself.</summary>
    public string? PartnerId { get; init; }

    /// <summary>Gets the API key id used.</summary>
    public string? KeyId { get; init; }

    /// <summary>Gets the caller's role, e.g. <c>ROLE_PARTNER</c>.</summary>
    public string? Role { get; init; }

    /// <summary>Gets the action, e.g. <c>check</c>.</summary>
    public string? Action { get; init; }

    /// <summary>Gets the subject key HMAC-SHA256(K, h1), or empty when the call concerned no subject.</summary>
    public ReadOnlyMemory<byte> SubjectKey { get; init; }

    /// <summary>Gets the id of the HMAC key K.</summary>
    public string? SubjectKeyId { get; init; }

    /// <summary>Gets the consent id.</summary>
    public string? ConsentId { get; init; }

    /// <summary>Gets the purpose, e.g. <c>DATING_SAFETY</c>.</summary>
    public string? Purpose { get; init; }

    /// <summary>Gets the outcome, e.g. <c>record_found</c>.</summary>
    public string? Outcome { get; init; }

    /// <summary>Gets the machine-readable reason of a refusal or failure.</summary>
    public string? Reason { get; init; }

    /// <summary>Gets the caller's request id.</summary>
    public string? RequestId { get; init; }

    /// <summary>Gets action-specific, non-personal details.</summary>
    public string? Detail { get; init; }
}
