using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Registry.Service.Infrastructure;

namespace Registry.Service.Tests.Infrastructure;

/// <summary>Sums one counter of one factory's meters (other factories in the test process are ignored), by one tag.</summary>
public sealed class MeterRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _sums = new(StringComparer.Ordinal);

    public MeterRecorder(RegistryAppFactory factory, string instrument, string tag)
    {
        var scope = factory.Services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (i, listener) =>
        {
            if (i.Meter.Name == RegistryMeter.Name && i.Name == instrument && ReferenceEquals(i.Meter.Scope, scope))
            {
                listener.EnableMeasurementEvents(i);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var key = "";
            foreach (var t in tags)
            {
                if (t.Key == tag)
                {
                    key = t.Value?.ToString() ?? "";
                }
            }

            _sums.AddOrUpdate(key, value, (_, sum) => sum + value);
        });
        _listener.Start();
    }

    public long this[string tagValue] => _sums.TryGetValue(tagValue, out var sum) ? sum : 0;

    public IReadOnlyDictionary<string, long> Sums => _sums;

    /// <summary>The counter's sum over every tag value.</summary>
    public long Total => _sums.Values.Sum();

    public void Dispose() => _listener.Dispose();
}
