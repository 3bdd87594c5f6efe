using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Registry.Service.Tests.Infrastructure;

namespace Registry.Service.Tests.Telemetry;

/// <summary>
/// Records every measurement, with its tags, of every instrument created through one factory's <see cref="IMeterFactory"/>
/// (the service's meter and ASP.NET Core's), from its creation on. Other hosts in the test process are ignored.
/// </summary>
public sealed class TelemetryRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<Recorded> _measurements = new();

    public TelemetryRecorder(RegistryAppFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var scope = factory.Services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, scope))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<int>((i, value, tags, _) => Add(i, value, tags));
        _listener.SetMeasurementEventCallback<long>((i, value, tags, _) => Add(i, value, tags));
        _listener.SetMeasurementEventCallback<double>((i, value, tags, _) => Add(i, value, tags));
        _listener.Start();
    }

    public IReadOnlyList<Recorded> All => [.. _measurements];

    /// <summary>The measurements of <paramref name="instrument"/> whose tags include every one of <paramref name="tags"/>.</summary>
    public IReadOnlyList<Recorded> Of(string instrument, params (string Key, string Value)[] tags) =>
        [.. _measurements.Where(m => m.Instrument == instrument && tags.All(t => m.Tags.TryGetValue(t.Key, out var v) && v?.ToString() == t.Value))];

    public double Sum(string instrument, params (string Key, string Value)[] tags) => Of(instrument, tags).Sum(m => m.Value);

    /// <summary>Collects the observable instruments now and returns <paramref name="instrument"/>'s value (null if it reported none).</summary>
    public double? Observe(string instrument)
    {
        var before = _measurements.Count;
        _listener.RecordObservableInstruments();
        return _measurements.Skip(before).LastOrDefault(m => m.Instrument == instrument)?.Value;
    }

    public void Dispose() => _listener.Dispose();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, tagValue) in tags)
        {
            copy[key] = tagValue;
        }

        _measurements.Enqueue(new Recorded(instrument.Name, value, copy));
    }

    public sealed record Recorded(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags);
}
