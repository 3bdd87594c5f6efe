using System.ComponentModel.DataAnnotations;
using OpenTelemetry.Exporter;

namespace Registry.Service.Telemetry;

/// <summary>
/// Where metrics and traces are exported (<c>Registry:Telemetry</c>). Without an endpoint nothing is exported: the
/// instruments are still readable in-process (<c>dotnet-counters monitor --counters Registry.Service</c>).
/// </summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Registry:Telemetry";

    /// <summary>OpenTelemetry's own setting, honoured as the SDK documents it when <see cref="OtlpEndpoint"/> is not set.</summary>
    public const string StandardEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// The OTLP collector's base address, an absolute <c>http://</c> or <c>https://</c> URI (e.g. <c>http://otel-collector:4317</c>
    /// for gRPC, <c>http://otel-collector:4318</c> for HTTP/protobuf). Default none: nothing is exported unless
    /// <see cref="StandardEndpointVariable"/> is set.
    /// </summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>
    /// The OTLP transport for <see cref="OtlpEndpoint"/>: <c>Grpc</c> (default) or <c>HttpProtobuf</c> (then
    /// <c>/v1/metrics</c> and <c>/v1/traces</c> are appended to the base address, as the standard variable does).
    /// </summary>
    public OtlpExportProtocol OtlpProtocol { get; set; } = OtlpExportProtocol.Grpc;

    /// <summary>How often metrics are pushed to the collector. Default 15 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan MetricExportInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The endpoint of one signal: the base address for gRPC; with the signal's path for HTTP/protobuf.</summary>
    public Uri SignalEndpoint(string signalPath)
    {
        var baseAddress = new Uri(OtlpEndpoint!, UriKind.Absolute);
        return OtlpProtocol == OtlpExportProtocol.HttpProtobuf
            ? new Uri(baseAddress.AbsoluteUri.TrimEnd('/') + "/" + signalPath)
            : baseAddress;
    }
}
