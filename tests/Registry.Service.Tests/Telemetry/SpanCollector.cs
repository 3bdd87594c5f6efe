using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Registry.Service.Tests.Telemetry;

/// <summary>
/// An OpenTelemetry processor added to a test host's tracer provider: keeps every span that provider ends, as the exporter
/// would see it (after ASP.NET Core's instrumentation has set its attributes). Spans of other hosts in the process may
/// reach it too (listeners subscribe by source name): tests select theirs by trace.
/// </summary>
public sealed class SpanCollector : BaseProcessor<Activity>
{
    private readonly ConcurrentQueue<Activity> _spans = new();

    public IReadOnlyList<Activity> Spans => [.. _spans];

    /// <summary>Registers this collector with the host's tracer provider (for <c>RegistryAppFactory.ConfigureTestServices</c>).</summary>
    public void AddTo(IServiceCollection services) => services.ConfigureOpenTelemetryTracerProvider(b => b.AddProcessor(this));

    /// <summary>The spans of the traces that contain a span named <paramref name="name"/>.</summary>
    public IReadOnlyList<Activity> TracesWith(string name)
    {
        var spans = Spans;
        var traces = spans.Where(s => s.OperationName == name || s.DisplayName == name).Select(s => s.TraceId).ToHashSet();
        return [.. spans.Where(s => traces.Contains(s.TraceId))];
    }

    public override void OnEnd(Activity data) => _spans.Enqueue(data);
}
