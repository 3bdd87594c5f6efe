using System.Globalization;
using System.Text;

namespace Registry.Bench.Load;

/// <summary>Formats runs, medians per mode, and ratios against the no-op, as Markdown-ready text.</summary>
public static class BenchReport
{
    public static string Line(RunResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return string.Create(CultureInfo.InvariantCulture,
            $"rep {r.Repetition} {r.Case.Name,-8} calls/s {r.CallsPerSecond,8:F0}  mean {r.MeanMs,6:F2} ms  p50 {r.P50Ms,6:F2} ms  p99 {r.P99Ms,6:F2} ms  cpu {r.CpuCores:F2} cores {r.CpuMsPerCall:F3} ms/call  alloc {r.AllocatedBytesPerCall / 1024:F1} KB/call  rss {r.RssMb:F0} MB  errors {r.Errors}  load {r.LoadAverage}  {Batches(r.BatchSizes)}{(r.Service is { } service ? Environment.NewLine + "      " + service : "")}");
    }

    public static string Summary(IReadOnlyList<RunResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var builder = new StringBuilder();
        builder.AppendLine("| case | runs | median calls/s | median mean ms | median p50 ms | median p99 ms | median CPU cores busy | median CPU ms per call | median KB allocated per call | median RSS MB | errors | ratio to no-op (median of per-rep ratios) | ratio to use-only (median of per-rep ratios) | ratio to echo (median of per-rep ratios) |");
        builder.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var group in results.GroupBy(r => r.Case.Name))
        {
            builder.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {group.Key} | {group.Count()} | {Median(group.Select(r => r.CallsPerSecond)):F0} | {Median(group.Select(r => r.MeanMs)):F2} | {Median(group.Select(r => r.P50Ms)):F2} | {Median(group.Select(r => r.P99Ms)):F2} | {Median(group.Select(r => r.CpuCores)):F2} | {Median(group.Select(r => r.CpuMsPerCall)):F3} | {Median(group.Select(r => r.AllocatedBytesPerCall)) / 1024:F1} | {Median(group.Select(r => r.RssMb)):F0} | {group.Sum(r => r.Errors)} | {Ratios(results, group, AuditMode.NoOp)} | {Ratios(results, group, AuditMode.UseOnly)} | {Ratios(results, group, AuditMode.Echo)} |"));
        }

        builder.AppendLine("CPU, allocations and RSS are the whole process's: the load client and the in-process server share it.");

        var audited = results.Where(r => r.Mode == AuditMode.Audit).SelectMany(r => r.BatchSizes).ToArray();
        builder.Append("audit batches over all audit runs: ").Append(Batches(audited));
        return builder.ToString();
    }

    private static string Ratios(IReadOnlyList<RunResult> results, IEnumerable<RunResult> group, AuditMode baseline)
    {
        var ratios = group.Select(r => Ratio(results, r, baseline)).Where(x => !double.IsNaN(x)).ToArray();
        return ratios.Length == 0 ? "-" : Median(ratios).ToString("F2", CultureInfo.InvariantCulture);
    }

    private static double Ratio(IReadOnlyList<RunResult> results, RunResult r, AuditMode baseline)
    {
        var other = results.FirstOrDefault(x => x.Mode == baseline && x.Repetition == r.Repetition);
        return other is null ? double.NaN : r.CallsPerSecond / other.CallsPerSecond;
    }

    private static string Batches(IReadOnlyList<int> sizes)
    {
        if (sizes.Count == 0)
        {
            return "batches: none";
        }

        var sorted = sizes.Order().ToArray();
        return string.Create(CultureInfo.InvariantCulture,
            $"batches: {sorted.Length} (mean {sorted.Average():F1}, median {sorted[sorted.Length / 2]}, p90 {sorted[(int)(sorted.Length * 0.9)]}, max {sorted[^1]}; per s incl. warm-up)");
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN
            : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
