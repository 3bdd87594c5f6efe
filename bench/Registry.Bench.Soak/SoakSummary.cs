using System.Globalization;

namespace Registry.Bench.Soak;

/// <summary>The human summary of a <see cref="SoakReport"/>, Markdown tables included so it can be pasted into the docs.</summary>
public static class SoakSummary
{
    public static async Task WriteAsync(SoakReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        var lines = new List<string>
        {
            "",
            $"soak {report.Date}, {report.Machine.Cores} cores, load average {report.Machine.LoadAverageAtStart} at start, {report.Machine.LoadAverageAtEnd} at end (median {report.Machine.MedianLoadAverage:F1} during the soak)",
            $"command: {report.Command}",
            $"database: {report.Database} ({report.SeededRecords} records, {report.SeededConsents} seeded consents)",
            report.Probe is { } p
                ? $"max rate: {p.CallsPerSecond:F0} checks/s ({p.Concurrency} in flight, raw gRPC, {p.WindowSeconds:F0} s after {p.WarmUpSeconds:F0} s warm-up, {p.Errors} errors)"
                : "max rate: not probed (--rate)",
            $"soak: {report.Soak.Minutes:F1} min at {report.Soak.TargetRate:F0} calls/s offered ({report.Soak.Fraction:P0}); achieved {report.Soak.AchievedRate:F0} calls/s; {report.Soak.Started} calls started, {report.Soak.Skipped} skipped (over {report.Soak.MaxInFlight} in flight; peak {report.Soak.PeakInFlight}), drained in {report.Soak.DrainSeconds:F1} s",
            $"cpu during the soak: service {report.Cpu.ServiceCoresBusy:F2} cores busy, {report.Cpu.ServiceCpuMsPerCall:F2} ms per call; this driver {report.Cpu.DriverCoresBusy:F2} cores",
            $"import: {report.Import.Jobs} jobs, {report.Import.RowsSent} rows sent, {report.Import.RowsInserted} inserted ({report.Import.RowsPerSecond:F0} rows/s in batches of {report.Import.BatchRows}; {report.Import.PeopleSkipped} people skipped as seeded consents' subjects)",
            "",
            "| operation | result | calls |",
            "| --- | --- | --- |",
        };
        lines.AddRange(report.Calls.Select(c => $"| {c.Operation} | {c.Result} | {c.Count} |"));
        lines.Add("");
        lines.Add(report.Errors.Count == 0 ? "errors: none" : "errors:");
        foreach (var e in report.Errors)
        {
            lines.Add($"  {e.Operation} {e.Kind}: {e.Count}{(e.FirstMessages.Count > 0 ? " — " + e.FirstMessages[0] : "")}");
        }

        lines.Add("");
        lines.Add("| minute | calls/s | errors | check p50 ms | p90 | p99 | max | all calls p99 ms | RSS median MB | load average |");
        lines.Add("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        lines.AddRange(report.Minutes.Select(m =>
            $"| {m.Minute + 1} | {m.CallsPerSecond:F0} | {m.Errors} | {m.CheckP50Ms:F2} | {m.CheckP90Ms:F2} | {m.CheckP99Ms:F1} | {m.CheckMaxMs:F0} | {m.AllP99Ms:F1} | {m.RssMedianMb:F0} | {m.LoadAverage:F1} |"));
        var memory = report.Memory;
        lines.Add("");
        lines.Add($"memory: RSS median {memory.BaselineMedianMb:F0} MB over {memory.BaselineFromSeconds:F0}-{memory.BaselineToSeconds:F0} s, {memory.FinalMedianMb:F0} MB over {memory.FinalFromSeconds:F0}-{memory.FinalToSeconds:F0} s: {memory.GrowthPercent:+0.0;-0.0} % (bound +{memory.BoundPercent:F0} %){(memory.Indicative ? ", indicative only (< 5 min)" : "")}; slope {memory.SlopeMbPerMinute:+0.00;-0.00} MB/min; range {memory.MinMb:F0}-{memory.MaxMb:F0} MB, peak (VmHWM) {memory.PeakHwmMb:F0} MB");
        lines.Add($"service log: {report.ServiceLog.Warnings} warnings, {report.ServiceLog.Failures} errors/critical; exit code {report.ServiceExitCode?.ToString(CultureInfo.InvariantCulture) ?? "-"}");
        var v = report.Verify;
        lines.Add($"audit log: VerifyAuditLog {(v.OnlineOk ? "ok" : "FAILED " + v.OnlineProblem)}, {v.OnlineEntriesVerified} entries, {v.OnlineCheckpointsVerified} checkpoints, {v.OnlineSeconds:F1} s; offline {(v.OfflineExitCode is null ? "not run" : v.OfflineExitCode == 0 ? $"ok ({v.OfflineSeconds:F1} s)" : $"FAILED (exit {v.OfflineExitCode})")}");
        var verdict = report.Verdict;
        lines.Add($"verdict: {(verdict.Pass ? "PASS" : "FAIL")} (no errors {verdict.NoErrors}, no service log errors {verdict.NoServiceLogFailures}, verified online {verdict.VerifiedOnline}, offline {verdict.VerifiedOffline}, memory bounded {verdict.MemoryBounded}); rate held (≥ 90 % of the offered rate, reported, not judged): {verdict.RateHeld}");
        foreach (var line in lines)
        {
            await output.WriteLineAsync(line);
        }
    }
}
