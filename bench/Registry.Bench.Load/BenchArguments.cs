using System.Globalization;

namespace Registry.Bench.Load;

/// <summary>
/// Command line: <c>--reps 5 --prewarm 40 --warmup 3 --seconds 10 --concurrency 64 --consents 3000 --modes audit,noop,echo</c>;
/// against a seeded database: <c>--database seeded.db [--manifest seeded.db.manifest.json] [--cases found,norecord,refused,echo]</c>;
/// telemetry: <c>--service-view on|off</c> (default on: print the service's own metrics beside each run),
/// <c>--telemetry-sdk on|off</c> (off sets <c>OTEL_SDK_DISABLED=true</c>: the OpenTelemetry SDK's listeners are off) and
/// <c>--otlp URL</c> (<c>Registry:Telemetry:OtlpEndpoint</c>: export to a collector).
/// </summary>
/// <remarks>
/// <c>--prewarm</c> runs every mode, unmeasured, for that many seconds in all before the first repetition: on 2 busy
/// cores the JIT needs ~40 s of load to tier the hot paths up, and a shorter start measured the JIT, not the service.
/// </remarks>
public sealed record BenchArguments(
    int Repetitions, TimeSpan PreWarm, TimeSpan WarmUp, TimeSpan Window, int Concurrency, int Consents, int RecordEvery, IReadOnlyList<LoadCase> Cases,
    string? Database, string? Manifest, bool ServiceView = true, bool TelemetrySdk = true, string? OtlpEndpoint = null)
{
    public static BenchArguments Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }

        int Int(string name, int fallback) => values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        var database = values.GetValueOrDefault("database");
        var cases = values.TryGetValue("cases", out var c) ? c
            : values.TryGetValue("modes", out var m) ? m
            : database is null ? "audit,noop,echo" : "found,norecord,refused,echo";
        return new BenchArguments(
            Int("reps", 5),
            TimeSpan.FromSeconds(Int("prewarm", 40)),
            TimeSpan.FromSeconds(Int("warmup", 3)),
            TimeSpan.FromSeconds(Int("seconds", 10)),
            Int("concurrency", 64),
            Int("consents", 3000),
            Int("record-every", 10),
            cases.Split(',').Select(LoadCase.Parse).ToArray(),
            database,
            values.GetValueOrDefault("manifest") ?? (database is null ? null : database + ".manifest.json"),
            OnOff("service-view"),
            OnOff("telemetry-sdk"),
            values.GetValueOrDefault("otlp"));

        bool OnOff(string name) => !values.TryGetValue(name, out var v) || v.ToUpperInvariant() switch
        {
            "ON" => true,
            "OFF" => false,
            _ => throw new ArgumentException($"--{name} takes on or off, not '{v}'."),
        };
    }
}
