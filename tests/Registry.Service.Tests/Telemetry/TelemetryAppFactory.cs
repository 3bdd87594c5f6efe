using Registry.Service.Tests.Infrastructure;

namespace Registry.Service.Tests.Telemetry;

/// <summary>
/// The real service (<see cref="RegistryAppFactory"/>) configured to export over OTLP, so that it traces as in production,
/// to a local port where nothing listens (the exporter drops its batches, as it would with a collector down); its
/// tracer provider also hands every span to <see cref="Spans"/>.
/// </summary>
public sealed class TelemetryAppFactory : RegistryAppFactory
{
    public TelemetryAppFactory()
    {
        ConfigureTestServices = Spans.AddTo;
        With("Registry:Telemetry:OtlpEndpoint", OtlpReceiver.UnusedEndpoint().AbsoluteUri);
    }

    public SpanCollector Spans { get; } = new();
}
