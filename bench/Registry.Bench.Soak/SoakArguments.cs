using System.Globalization;

namespace Registry.Bench.Soak;

/// <summary>
/// Command line (pairs of <c>--name value</c>). Either <c>--service-dll</c> (the service is started as a child process on
/// a copy of <c>--database</c>) or <c>--address</c> of a running service started with the manifest's keys (then
/// <c>--pid</c> for its memory). The manifest defaults to <c>&lt;database&gt;.manifest.json</c>.
/// </summary>
public sealed record SoakArguments(
    string Manifest,
    string? Database,
    string? ServiceDll,
    Uri? Address,
    int? Pid,
    string WorkDir,
    int Port,
    double Minutes,
    double Fraction,
    double? Rate,
    TimeSpan ProbeWarmUp,
    TimeSpan ProbeWindow,
    int Concurrency,
    int MaxInFlight,
    double ImportRowsPerSecond,
    int ImportJobRows,
    int ImportBatchRows,
    TimeSpan SampleEvery,
    int Seed,
    string? CliDll,
    string Output)
{
    public const string Usage =
        "usage: Registry.Bench.Soak --database SEEDED.db --service-dll Registry.Service.dll [--manifest SEEDED.db.manifest.json]\n" +
        "                           | --address http://127.0.0.1:PORT --manifest M.json [--pid PID]\n" +
        "       [--minutes 10] [--fraction 0.7] [--rate N (skip the probe)] [--probe-warmup 20] [--probe-seconds 30] [--concurrency 64]\n" +
        "       [--max-in-flight 256] [--import-rows-per-second 100] [--import-job-rows 3000] [--import-batch 500] [--sample-every 10]\n" +
        "       [--work-dir /tmp/registry-soak] [--port 5183] [--seed 7] [--out WORK/soak.json]\n" +
        "       [--cli-dll registry.dll (also verify the stopped service's database offline with 'registry audit verify --offline')]";

    public TimeSpan Duration => TimeSpan.FromMinutes(Minutes);

    public static SoakArguments Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length % 2 != 0)
        {
            throw new ArgumentException("options come in pairs: --name value");
        }

        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }

        string? Text(string name) => values.GetValueOrDefault(name);
        int Int(string name, int fallback) => values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        double Real(string name, double fallback) => values.TryGetValue(name, out var v) ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;

        var database = Text("database");
        var address = Text("address") is { } a ? new Uri(a, UriKind.Absolute) : null;
        var serviceDll = Text("service-dll");
        if (address is null == (serviceDll is null || database is null))
        {
            throw new ArgumentException("give either --database and --service-dll, or --address");
        }

        var manifest = Text("manifest") ?? (database is null ? throw new ArgumentException("--manifest is required with --address") : database + ".manifest.json");
        var work = Path.GetFullPath(Text("work-dir") ?? Path.Combine(Path.GetTempPath(), "registry-soak"));
        var parsed = new SoakArguments(
            Path.GetFullPath(manifest),
            database is null ? null : Path.GetFullPath(database),
            serviceDll is null ? null : Path.GetFullPath(serviceDll),
            address,
            values.TryGetValue("pid", out var pid) ? int.Parse(pid, CultureInfo.InvariantCulture) : null,
            work,
            Int("port", 5183),
            Real("minutes", 10),
            Real("fraction", 0.7),
            values.ContainsKey("rate") ? Real("rate", 0) : null,
            TimeSpan.FromSeconds(Real("probe-warmup", 20)),
            TimeSpan.FromSeconds(Real("probe-seconds", 30)),
            Int("concurrency", 64),
            Int("max-in-flight", 256),
            Real("import-rows-per-second", 100),
            Int("import-job-rows", 3000),
            Int("import-batch", 500),
            TimeSpan.FromSeconds(Real("sample-every", 10)),
            Int("seed", 7),
            Text("cli-dll") is { } cli ? Path.GetFullPath(cli) : null,
            Path.GetFullPath(Text("out") ?? Path.Combine(work, "soak.json")));
        if (parsed.Minutes <= 0 || parsed.Fraction is <= 0 or > 1 || parsed.Rate <= 0 || parsed.Concurrency < 1 || parsed.MaxInFlight < 1
            || parsed.ImportRowsPerSecond < 0 || parsed.ImportJobRows < 1 || parsed.ImportBatchRows is < 1 or > 1000 || parsed.SampleEvery <= TimeSpan.Zero)
        {
            throw new ArgumentException("an option is out of range");
        }

        return parsed;
    }
}
