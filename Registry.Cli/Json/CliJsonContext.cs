using System.Text.Json.Serialization;
using Registry.Cli.Commands.Audit;
using Registry.Cli.Commands.Check;
using Registry.Cli.Commands.Consent;
using Registry.Cli.Commands.Identity;
using Registry.Cli.Commands.Import;
using Registry.Cli.Commands.Keys;
using Registry.Cli.Commands.Partners;
using Registry.Cli.Commands.Records;
using Registry.Cli.Infrastructure;

namespace Registry.Cli.Json;

/// <summary>
/// The source-generated serializer of every <c>--json</c> document. Field names are a contract, like the proto:
/// camelCase, instants as ISO-8601 UTC, nulls omitted.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(UtcDateTimeOffsetConverter)])]
[JsonSerializable(typeof(CliErrorDocument))]
[JsonSerializable(typeof(IdentityHashResult))]
[JsonSerializable(typeof(PartnerCreatedResult))]
[JsonSerializable(typeof(PartnerListResult))]
[JsonSerializable(typeof(PartnerChangedResult))]
[JsonSerializable(typeof(KeyIssuedResult))]
[JsonSerializable(typeof(KeyRevokedResult))]
[JsonSerializable(typeof(ConsentGrantedResult))]
[JsonSerializable(typeof(ConsentRevokedResult))]
[JsonSerializable(typeof(ConsentView))]
[JsonSerializable(typeof(CheckView))]
[JsonSerializable(typeof(RecordChangedResult))]
[JsonSerializable(typeof(AuditVerifyResult))]
[JsonSerializable(typeof(AuditExportResult))]
[JsonSerializable(typeof(AuditProveResult))]
[JsonSerializable(typeof(AuditKeygenResult))]
[JsonSerializable(typeof(AuditCsvRow))]
[JsonSerializable(typeof(ImportSummary))]
[JsonSerializable(typeof(ImportJobListResult))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
