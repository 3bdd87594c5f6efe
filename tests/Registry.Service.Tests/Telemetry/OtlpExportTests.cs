using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Registry.Service.Checks;
using Registry.Service.Tests.Audit;
using Registry.Service.Tests.Infrastructure;

namespace Registry.Service.Tests.Telemetry;

/// <summary>With an OTLP endpoint configured the service starts, serves, and exports; a collector that is down fails nothing.</summary>
public sealed class OtlpExportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Check_WithAnOtlpHttpEndpoint_IsAnsweredAndItsMetricsAndSpansAreExported()
    {
        using var collector = new OtlpReceiver();
        using var factory = new RegistryAppFactory()
            .With("Registry:Telemetry:OtlpEndpoint", collector.Endpoint.AbsoluteUri)
            .With("Registry:Telemetry:OtlpProtocol", "HttpProtobuf")
            .With("Registry:Telemetry:MetricExportInterval", "00:00:00.200");
        var scenario = new RegistryScenario(factory);
        var key = await scenario.CreatePartnerKeyAsync();
        var h1 = TestKeys.NewH1();
        var consentId = await scenario.GrantAsync(key, h1);

        var response = await scenario.Checks(key).CheckAsync(RegistryScenario.CheckRequest(consentId, h1), cancellationToken: Ct);

        Assert.Equal(Protos.V1.CheckOutcome.NoRecord, response.Outcome);
        await Eventually.UntilAsync(() => Task.FromResult(collector.Received("/v1/metrics", CheckMetrics.ChecksName)), TimeSpan.FromSeconds(30),
            () => $"an export of {CheckMetrics.ChecksName} to /v1/metrics; received {string.Join(", ", collector.Exports.Select(e => e.Path))}");
        // The batch span processor sends every 5 s.
        await Eventually.UntilAsync(() => Task.FromResult(collector.Received("/v1/traces", CheckMetrics.ConsentLookupSpan)), TimeSpan.FromSeconds(30),
            () => $"an export of the {CheckMetrics.ConsentLookupSpan} span to /v1/traces");
        Assert.All(collector.Exports, e => Assert.Equal("application/x-protobuf", e.ContentType));
    }

    [Fact]
    public void Start_WithoutAnEndpoint_RegistersNoTracerProviderSoNoSpanIsBuilt()
    {
        using var plain = new RegistryAppFactory();
        using var exporting = new RegistryAppFactory().With("Registry:Telemetry:OtlpEndpoint", OtlpReceiver.UnusedEndpoint().AbsoluteUri);

        var (without, with) = (plain.Services.GetService<TracerProvider>(), exporting.Services.GetService<TracerProvider>());

        Assert.Null(without);
        Assert.NotNull(with);
        Assert.NotNull(plain.Services.GetService<MeterProvider>()); // metrics are registered either way; without a reader they listen to nothing
    }

    [Fact]
    public async Task Check_WithTheCollectorDown_IsAnswered()
    {
        var endpoint = OtlpReceiver.UnusedEndpoint().AbsoluteUri;
        using var factory = new RegistryAppFactory()
            .With("Registry:Telemetry:OtlpEndpoint", endpoint)
            .With("Registry:Telemetry:MetricExportInterval", "00:00:00.100");
        var scenario = new RegistryScenario(factory);
        var key = await scenario.CreatePartnerKeyAsync();
        var h1 = TestKeys.NewH1();
        var consentId = await scenario.GrantAsync(key, h1);

        var response = await scenario.Checks(key).CheckAsync(RegistryScenario.CheckRequest(consentId, h1), cancellationToken: Ct);

        Assert.Equal(Protos.V1.CheckOutcome.NoRecord, response.Outcome);
    }
}
