using System.Diagnostics;
using System.Globalization;
using Registry.Bench.Seed;
using Registry.Client;

namespace Registry.Bench.Soak;

/// <summary>
/// The soak of issue 10 (see bench/README.md, and <see cref="SoakArguments"/>): start the service, measure its maximum
/// check rate, run the paced mix with imports in the background for <c>--minutes</c>, verify the audit log, report.
/// Exit code 0 when every verdict holds, 2 when one does not, 1 for a usage error.
/// </summary>
public static class SoakProgram
{
    public static async Task<int> Main(string[] args)
    {
        SoakArguments arguments;
        SeedManifest manifest;
        try
        {
            arguments = SoakArguments.Parse(args);
            manifest = SeedManifest.Read(arguments.Manifest);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException or IOException or InvalidDataException or UriFormatException)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}\n{SoakArguments.Usage}");
            return 1;
        }

        // Figures are printed and written with '.' decimals whatever the machine's locale.
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        var clock = TimeProvider.System;
        var progress = Console.Error;
        var date = clock.GetUtcNow();
        var loadAtStart = LoadAverage();
        Directory.CreateDirectory(arguments.WorkDir);
        await using var service = await SoakService.StartAsync(arguments, manifest, progress, CancellationToken.None);
        var origin = clock.GetTimestamp();
        var phase = "probe";
        var ledger = new CallLedger(long.MaxValue);
        var sampler = new ProcessSampler(service.Pid, service.DatabaseCopy, () => ledger.CallCount, arguments.SampleEvery, clock);
        using var stopSampling = new CancellationTokenSource();
        var sampling = sampler.RunAsync(origin, () => phase, stopSampling.Token);
        using var workload = new SoakWorkload(service.Address, manifest, ledger, arguments.Seed, clock);

        ProbeReport? probe = null;
        var rate = arguments.Rate ?? 0;
        if (arguments.Rate is null)
        {
            await progress.WriteLineAsync(Invariant($"probe: {arguments.Concurrency} seeded checks in flight, {arguments.ProbeWarmUp.TotalSeconds:F0} s warm-up + {arguments.ProbeWindow.TotalSeconds:F0} s measured"));
            probe = await MaxRateProbe.RunAsync(workload, arguments.Concurrency, arguments.ProbeWarmUp, arguments.ProbeWindow, clock, CancellationToken.None);
            rate = Math.Round(probe.CallsPerSecond * arguments.Fraction, 1);
            await progress.WriteLineAsync(Invariant($"probe: {probe.CallsPerSecond:F0} checks/s ({probe.Errors} errors); soak rate {arguments.Fraction:P0} = {rate:F0} calls/s"));
        }

        phase = "soak";
        using var driver = Process.GetCurrentProcess();
        var driverCpuAtStart = driver.TotalProcessorTime;
        var soakStart = clock.GetTimestamp();
        var serviceAtStart = sampler.Take(TimeSpan.Zero, phase);
        var soakStartAt = clock.GetElapsedTime(origin, soakStart).TotalSeconds;
        ledger.SoakStartTimestamp = soakStart;
        using var importer = new ImportFeeder(service.Address, manifest, ledger, arguments, clock);
        using var stopImporting = new CancellationTokenSource();
        var importing = importer.RunAsync(stopImporting.Token);
        using var stopReporting = new CancellationTokenSource();
        var reporting = ReportMinutesAsync(ledger, sampler, progress, clock, stopReporting.Token);
        await progress.WriteLineAsync(Invariant($"soak: {arguments.Minutes:F1} min at {rate:F0} calls/s, imports at {arguments.ImportRowsPerSecond:F0} rows/s in jobs of {arguments.ImportJobRows}"));
        var paced = await new RatePacer(rate, arguments.MaxInFlight, clock).RunAsync(arguments.Duration, workload.RunAsync, CancellationToken.None);
        var serviceAtEnd = sampler.Take(TimeSpan.Zero, phase);
        driver.Refresh();
        var driverCpu = driver.TotalProcessorTime - driverCpuAtStart;
        await stopImporting.CancelAsync();
        await importing;
        await stopReporting.CancelAsync();
        await reporting;

        phase = "verify";
        var soakSamples = sampler.Samples.Where(s => s.Phase == "soak").ToArray();
        var verification = new SoakVerification(service, manifest, arguments, progress, clock);
        await verification.OnlineAsync();
        await stopSampling.CancelAsync();
        await sampling;
        var exitCode = await service.StopAsync();
        var verify = await verification.OfflineAsync();

        var answered = ledger.Results.Where(r => r.Key.Operation is not (SoakOperation.ProbeCheck or SoakOperation.ImportBatch)).Sum(r => r.Value);
        var pacedReport = new PacedReport(arguments.Fraction, rate, arguments.Minutes, paced.Started, paced.Skipped, paced.PeakInFlight, arguments.MaxInFlight,
            Math.Round(answered / paced.Offered.TotalSeconds, 1), Math.Round((paced.Elapsed - paced.Offered).TotalSeconds, 1));
        var serviceCpu = serviceAtStart is null || serviceAtEnd is null ? double.NaN : serviceAtEnd.CpuSeconds - serviceAtStart.CpuSeconds;
        var cpu = new CpuReport(
            Math.Round(serviceCpu / paced.Elapsed.TotalSeconds, 2), Math.Round(serviceCpu * 1000 / answered, 3),
            Math.Round(driverCpu.TotalSeconds / paced.Elapsed.TotalSeconds, 2));
        var memory = SoakFigures.Memory(soakSamples, soakStartAt, arguments.Duration);
        var rateHeld = pacedReport.AchievedRate >= rate * 0.9;
        var verdict = new VerdictReport(
            ledger.ErrorCount == 0, service.LogFailures == 0, verify.OnlineOk, verify.OfflineExitCode is null or 0, memory.Ok, rateHeld, false);
        verdict = verdict with
        {
            // The rate is reported, not judged: on this shared machine the capacity moves by tens of percent within a
            // minute, so whether 70 % of the probe's figure holds for ten minutes says more about the neighbours.
            Pass = verdict is { NoErrors: true, NoServiceLogFailures: true, VerifiedOnline: true, VerifiedOffline: true, MemoryBounded: true },
        };
        var report = new SoakReport(
            date.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            "Registry.Bench.Soak " + string.Join(' ', args),
            new MachineReport(Environment.ProcessorCount, loadAtStart, LoadAverage(), SoakFigures.Median(soakSamples.Select(s => s.LoadAverage))),
            arguments.Database ?? service.Address.ToString(),
            manifest.Records,
            workload.SeededConsents,
            probe,
            pacedReport,
            cpu,
            ledger.Results.OrderBy(r => r.Key.Operation).ThenBy(r => r.Key.Result, StringComparer.Ordinal)
                .Select(r => new CallCount(r.Key.Operation.ToString(), r.Key.Result, r.Value)).ToArray(),
            ledger.Errors.OrderByDescending(e => e.Value)
                .Select(e => new ErrorCount(e.Key.Operation.ToString(), e.Key.Kind, e.Value,
                    ledger.Messages.TryGetValue($"{e.Key.Operation} {e.Key.Kind}", out var m) ? m.ToArray() : [])).ToArray(),
            SoakFigures.Minutes(ledger, soakSamples, soakStartAt, arguments.Duration),
            new ImportReport(arguments.ImportRowsPerSecond, arguments.ImportJobRows, arguments.ImportBatchRows,
                importer.Jobs, importer.RowsSent, importer.RowsInserted, importer.PeopleSkipped),
            memory,
            new ServiceLogReport(service.LogWarnings, service.LogFailures, service.DatabaseCopy is null ? null : Path.Combine(Path.GetDirectoryName(service.DatabaseCopy)!, "service.log")),
            verify,
            exitCode,
            verdict,
            sampler.Samples);
        report.Write(arguments.Output);
        await SoakSummary.WriteAsync(report, Console.Out);
        await Console.Out.WriteLineAsync($"JSON: {arguments.Output}");
        return verdict.Pass ? 0 : 2;
    }

    private static async Task ReportMinutesAsync(
        CallLedger ledger, ProcessSampler sampler, TextWriter progress, TimeProvider clock, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), clock);
        var minute = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                if (ledger.Minutes.TryGetValue(minute, out var latencies))
                {
                    var (checks, all) = latencies.Sorted();
                    var p99 = checks.Length == 0 ? double.NaN : checks[Math.Min(checks.Length - 1, (int)(checks.Length * 0.99))];
                    var samples = sampler.Samples;
                    var rss = samples.Count > 0 ? samples[^1].RssMb : double.NaN;
                    await progress.WriteLineAsync(Invariant(
                        $"minute {minute}: {all.Length / 60.0:F0} calls/s, errors so far {ledger.ErrorCount}, check p99 {p99:F1} ms, RSS {rss:F0} MB, load {LoadAverage()}"));
                }

                minute++;
            }
        }
        catch (OperationCanceledException)
        {
            // the soak ended
        }
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
