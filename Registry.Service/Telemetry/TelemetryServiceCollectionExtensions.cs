using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Registry.Service.Infrastructure;

namespace Registry.Service.Telemetry;

public static class TelemetryServiceCollectionExtensions
{
    private const string MetricsExporter = "registry-metrics";
    private const string TracesExporter = "registry-traces";

    /// <summary>
    /// Registers OpenTelemetry: metrics of the service's meter, ASP.NET Core and the runtime; and, only when an OTLP
    /// endpoint is configured (<see cref="TelemetryOptions"/>), their OTLP exporter and the traces: the service's spans
    /// (<see cref="RegistryActivitySource"/>) under ASP.NET Core's server spans. Without one nothing is exported, no span
    /// is created, and nothing fails.
    /// </summary>
    /// <remarks>
    /// Whether to export is a start-up choice, read once from configuration here (as the database provider is); the
    /// endpoint itself is validated at start-up (<see cref="TelemetryOptionsValidator"/>). <c>OTEL_SDK_DISABLED=true</c>
    /// turns the SDK's listeners off altogether (the instruments stay readable with dotnet-counters).
    /// </remarks>
    public static IServiceCollection AddRegistryTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TelemetryOptions>, TelemetryOptionsValidator>());
        services.TryAddSingleton<RegistryActivitySource>();

        var ownEndpoint = !string.IsNullOrWhiteSpace(configuration[$"{TelemetryOptions.SectionName}:OtlpEndpoint"]);
        var export = ownEndpoint || !string.IsNullOrWhiteSpace(configuration[TelemetryOptions.StandardEndpointVariable]);
        var telemetry = services.AddOpenTelemetry();
        if (string.IsNullOrWhiteSpace(configuration["OTEL_SERVICE_NAME"]))
        {
            telemetry.ConfigureResource(r => r.AddService(RegistryMeter.Name));
        }

        // Without an exporter the meter provider has no reader and subscribes to nothing, so it costs nothing; a tracer
        // provider would still create every span (about 2 KB and a few µs per check, measured) for nobody, so there is none.
        telemetry.WithMetrics(metrics =>
        {
            metrics.AddMeter(RegistryMeter.Name).AddAspNetCoreInstrumentation().AddRuntimeInstrumentation();
            if (export)
            {
                metrics.AddOtlpExporter(MetricsExporter, configure: null);
            }
        });
        if (export)
        {
            // Exceptions are not recorded on spans: their messages may hold SQL or values.
            telemetry.WithTracing(tracing => tracing
                .AddSource(RegistryActivitySource.Name)
                .AddAspNetCoreInstrumentation(o => o.RecordException = false)
                .AddOtlpExporter(TracesExporter, configure: null));
        }

        services.AddOptions<MetricReaderOptions>(MetricsExporter).Configure<IOptions<TelemetryOptions>>((reader, options) =>
            reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)options.Value.MetricExportInterval.TotalMilliseconds);
        if (ownEndpoint)
        {
            // Otherwise the SDK's own defaults apply: OTEL_EXPORTER_OTLP_ENDPOINT, _PROTOCOL, _HEADERS.
            ConfigureEndpoint(services, MetricsExporter, "v1/metrics");
            ConfigureEndpoint(services, TracesExporter, "v1/traces");
        }

        return services;
    }

    private static void ConfigureEndpoint(IServiceCollection services, string name, string signalPath) =>
        services.AddOptions<OtlpExporterOptions>(name).Configure<IOptions<TelemetryOptions>>((exporter, options) =>
        {
            exporter.Protocol = options.Value.OtlpProtocol;
            exporter.Endpoint = options.Value.SignalEndpoint(signalPath);
        });
}
