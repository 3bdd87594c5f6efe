using Registry.Service.Tests.Infrastructure;

namespace Registry.Service.Tests.Telemetry;

/// <summary>The real service (<see cref="RegistryAppFactory"/>) whose tracer provider also hands every span to <see cref="Spans"/>.</summary>
public sealed class TelemetryAppFactory : RegistryAppFactory
{
    public TelemetryAppFactory() => ConfigureTestServices = Spans.AddTo;

    public SpanCollector Spans { get; } = new();
}
