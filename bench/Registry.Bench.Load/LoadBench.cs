using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Registry.Service.Infrastructure;
using Registry.Bench.Seed;

namespace Registry.Bench.Load;

/// <summary>Check throughput with durable auditing vs. a no-op audit write, same process, same run (docs/benchmarks.md).</summary>
public static class LoadBench
{
    public static async Task Main(string[] args)
    {
        var arguments = BenchArguments.Parse(args);
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(30)); // bounded whatever the arguments
        var seeded = arguments.Manifest is { } path ? SeedManifest.Read(path) : null;
        if (seeded is not null && arguments.Database is { } database)
        {
            seeded = seeded with { Database = Path.GetFullPath(database) };
        }

        await using var host = new BenchHost(seeded, TelemetrySettings(arguments));
        var data = seeded is null ? $"consents={arguments.Consents} (granted through the API)" : $"seeded={seeded.Database} records={seeded.Records} consents={seeded.Consents.Count}";
        Console.WriteLine($"cores={Environment.ProcessorCount} concurrency={arguments.Concurrency} prewarm={arguments.PreWarm.TotalSeconds}s warmup={arguments.WarmUp.TotalSeconds}s window={arguments.Window.TotalSeconds}s reps={arguments.Repetitions} {data} server={host.Address} (in-process Kestrel, h2c; CPU, allocations and RSS are the whole process: client and server together)");
        var scenario = seeded is null
            ? await BenchScenario.CreateAsync(host, arguments.Consents, arguments.RecordEvery, stop.Token)
            : BenchScenario.FromManifest(seeded);
        Console.WriteLine(SdkState(host, arguments));
        using var view = arguments.ServiceView ? new ServiceView(host) : null;
        var runner = new LoadRunner(host, scenario, arguments.Concurrency, view);
        var results = new List<RunResult>();
        if (arguments.PreWarm > TimeSpan.Zero)
        {
            var share = arguments.PreWarm / arguments.Cases.Count;
            foreach (var mode in arguments.Cases)
            {
                var warm = await runner.RunAsync(mode, 0, share, TimeSpan.FromSeconds(1), stop.Token);
                Console.WriteLine($"pre-warm {mode.Name}: {share.TotalSeconds:0}s, then {warm.CallsPerSecond:0} calls/s (not counted)");
            }
        }

        for (var rep = 1; rep <= arguments.Repetitions; rep++)
        {
            foreach (var mode in arguments.Cases)
            {
                var result = await runner.RunAsync(mode, rep, arguments.WarmUp, arguments.Window, stop.Token);
                results.Add(result);
                Console.WriteLine(BenchReport.Line(result));
            }
        }

        host.AuditLog.Mode = AuditMode.Audit;
        Console.WriteLine();
        Console.WriteLine(BenchReport.Summary(results));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"audited checks: {runner.AuditedChecksSoFar} of a capacity of {runner.AuditedCapacity}"));
    }

    private static Dictionary<string, string?> TelemetrySettings(BenchArguments arguments)
    {
        var settings = new Dictionary<string, string?>();
        if (!arguments.TelemetrySdk)
        {
            settings["OTEL_SDK_DISABLED"] = "true";
        }

        if (arguments.OtlpEndpoint is { } endpoint)
        {
            settings["Registry:Telemetry:OtlpEndpoint"] = endpoint;
        }

        return settings;
    }

    /// <summary>
    /// Whether anything listens to the service's instruments and spans before the bench's own view starts: the
    /// OpenTelemetry SDK's meter and tracer providers, unless <c>--telemetry-sdk off</c>.
    /// </summary>
    private static string SdkState(BenchHost host, BenchArguments arguments)
    {
        var scope = host.Services.GetRequiredService<IMeterFactory>();
        _ = host.Services.GetRequiredService<Service.Checks.CheckMetrics>(); // its instruments exist from its first use on
        var enabled = false;
        using (var probe = new MeterListener())
        {
            probe.InstrumentPublished = (instrument, _) =>
                enabled |= instrument.Meter.Scope == scope && instrument.Name == Service.Checks.CheckMetrics.ChecksName && instrument.Enabled;
            probe.Start();
        }

        var tracing = host.Services.GetRequiredService<RegistryActivitySource>().Source.HasListeners();
        return $"telemetry: sdk={(arguments.TelemetrySdk ? "on" : "off")} otlp={arguments.OtlpEndpoint ?? "none"} service-view={(arguments.ServiceView ? "on" : "off")}; before the view: registry.checks listened to={enabled}, spans listened to={tracing}";
    }
}
