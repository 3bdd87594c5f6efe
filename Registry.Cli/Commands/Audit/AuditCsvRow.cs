using CsvHelper;

namespace Registry.Cli.Commands.Audit;

/// <summary>One line of <c>registry audit export</c>: an audit entry, flattened. Column names are a contract (docs/cli.md).</summary>
[CsvRecord]
internal sealed partial record AuditCsvRow
{
    [CsvColumn("sequence")]
    public long? Sequence { get; init; }

    [CsvColumn("entry_id")]
    public string EntryId { get; init; } = string.Empty;

    /// <summary>ISO-8601 UTC, formatted by the exporter so the column does not depend on a culture.</summary>
    [CsvColumn("recorded_at")]
    public string RecordedAt { get; init; } = string.Empty;

    [CsvColumn("partner_id")]
    public string PartnerId { get; init; } = string.Empty;

    [CsvColumn("key_id")]
    public string KeyId { get; init; } = string.Empty;

    [CsvColumn("role")]
    public string Role { get; init; } = string.Empty;

    [CsvColumn("action")]
    public string Action { get; init; } = string.Empty;

    /// <summary>Lowercase hex of HMAC-SHA256(K, h1), empty when the call concerned no subject.</summary>
    [CsvColumn("subject_key")]
    public string SubjectKey { get; init; } = string.Empty;

    [CsvColumn("subject_key_id")]
    public string SubjectKeyId { get; init; } = string.Empty;

    [CsvColumn("consent_id")]
    public string ConsentId { get; init; } = string.Empty;

    [CsvColumn("purpose")]
    public string Purpose { get; init; } = string.Empty;

    [CsvColumn("outcome")]
    public string Outcome { get; init; } = string.Empty;

    [CsvColumn("reason")]
    public string Reason { get; init; } = string.Empty;

    [CsvColumn("request_id")]
    public string RequestId { get; init; } = string.Empty;

    [CsvColumn("detail")]
    public string Detail { get; init; } = string.Empty;

    /// <summary>Lowercase hex of the RFC 6962 leaf hash, empty until sequenced.</summary>
    [CsvColumn("leaf_hash")]
    public string LeafHash { get; init; } = string.Empty;
}
