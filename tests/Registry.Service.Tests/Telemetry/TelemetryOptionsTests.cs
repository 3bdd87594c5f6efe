using Microsoft.Extensions.Options;
using Registry.Service.Telemetry;
using Registry.Service.Tests.Infrastructure;

namespace Registry.Service.Tests.Telemetry;

/// <summary>The OTLP endpoint's validation: a bad one stops the start with a message that names the setting.</summary>
public sealed class TelemetryOptionsTests
{
    [Theory]
    [InlineData("Registry:Telemetry:OtlpEndpoint", "otel-collector:4317:x")]
    [InlineData("Registry:Telemetry:OtlpEndpoint", "/v1/metrics")]
    [InlineData("Registry:Telemetry:OtlpEndpoint", "ftp://otel-collector:4317")]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT", "not a uri")]
    public void Start_BadOtlpEndpoint_FailsWithAClearMessage(string setting, string value)
    {
        using var factory = new RegistryAppFactory().With(setting, value);

        var ex = Assert.ThrowsAny<Exception>(() => factory.Server);

        var validation = Assert.IsType<OptionsValidationException>(ExceptionChain.Find<OptionsValidationException>(ex));
        Assert.Contains($"{setting} must be an absolute http:// or https:// URI", validation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_ExportNothingAndPushMetricsEvery15Seconds()
    {
        var sut = new TelemetryOptions();

        Assert.Null(sut.OtlpEndpoint);
        Assert.Equal(OpenTelemetry.Exporter.OtlpExportProtocol.Grpc, sut.OtlpProtocol);
        Assert.Equal(TimeSpan.FromSeconds(15), sut.MetricExportInterval);
    }

    [Theory]
    [InlineData("http://collector:4318", "HttpProtobuf", "http://collector:4318/v1/metrics")]
    [InlineData("https://collector:4318/otlp/", "HttpProtobuf", "https://collector:4318/otlp/v1/metrics")]
    [InlineData("http://collector:4317", "Grpc", "http://collector:4317/")]
    public void SignalEndpoint_ByProtocol_AppendsTheSignalPathOnlyForHttp(string endpoint, string protocol, string expected)
    {
        var sut = new TelemetryOptions { OtlpEndpoint = endpoint, OtlpProtocol = Enum.Parse<OpenTelemetry.Exporter.OtlpExportProtocol>(protocol) };

        var uri = sut.SignalEndpoint("v1/metrics");

        Assert.Equal(expected, uri.AbsoluteUri);
    }
}
