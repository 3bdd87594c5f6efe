using System.Text.Json.Serialization;
using Registry.Cli.Commands.Identity;
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
internal sealed partial class CliJsonContext : JsonSerializerContext;
