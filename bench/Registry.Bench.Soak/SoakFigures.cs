namespace Registry.Bench.Soak;

/// <summary>The figures derived from the raw counts and samples: per-minute rates and percentiles, and the memory verdict.</summary>
public static class SoakFigures
{
    /// <summary>The bound on memory growth: the final window's median RSS at most 10 % over the baseline window's.</summary>
    /// <remarks>
    /// Why 10 %: a steady .NET server's RSS moves by a few percent as the GC grows, trims and compacts its heaps, and the
    /// SQLite page caches fill once; a leak of even 1 KB per call at this machine's ~2,000 calls/s would add ~120 MB a
    /// minute, tens of percent within the final window. The slope is reported beside it.
    /// </remarks>
    public const double MemoryBoundPercent = 10;

    public static IReadOnlyList<MinuteReport> Minutes(CallLedger ledger, IReadOnlyList<ProcessSample> soakSamples, double soakStartAt, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        var minutes = new List<MinuteReport>();
        var last = (int)Math.Ceiling(duration.TotalMinutes) - 1;
        foreach (var (minute, latencies) in ledger.Minutes.OrderBy(m => m.Key))
        {
            if (minute > last)
            {
                continue; // the few calls that answered after the paced window, while draining
            }

            var (checks, all) = latencies.Sorted();
            var seconds = Math.Min(60, duration.TotalSeconds - (minute * 60));
            var samples = soakSamples.Where(s => s.At - soakStartAt >= minute * 60 && s.At - soakStartAt < (minute + 1) * 60).ToArray();
            minutes.Add(new MinuteReport(
                minute, all.Length, Math.Round(all.Length / seconds, 1), latencies.Errors,
                Percentile(checks, 0.50), Percentile(checks, 0.90), Percentile(checks, 0.99), checks.Length == 0 ? double.NaN : Math.Round(checks[^1], 2),
                Percentile(all, 0.99), Median(samples.Select(s => s.RssMb)), Median(samples.Select(s => s.LoadAverage))));
        }

        return minutes;
    }

    public static MemoryReport Memory(IReadOnlyList<ProcessSample> soakSamples, double soakStartAt, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(soakSamples);
        var total = duration.TotalSeconds;
        // Minute 1 is warm-up; the baseline is minutes 2-4 and the final window the last 3 minutes. A shorter trial
        // run uses its second and last quarters instead, and its verdict is only indicative.
        var indicative = duration < TimeSpan.FromMinutes(5);
        var (baseFrom, baseTo, finalFrom) = indicative ? (total / 4, total / 2, total * 3 / 4) : (60.0, 240.0, total - 180);
        double[] Window(double from, double to) =>
            soakSamples.Where(s => s.At - soakStartAt >= from && s.At - soakStartAt <= to).Select(s => s.RssMb).ToArray();
        var baseline = Median(Window(baseFrom, baseTo));
        var final = Median(Window(finalFrom, total));
        var growth = Math.Round((final / baseline - 1) * 100, 1);
        var after = soakSamples.Where(s => s.At - soakStartAt >= Math.Min(60, total / 4)).ToArray();
        var all = soakSamples.Select(s => s.RssMb).DefaultIfEmpty(double.NaN).ToArray();
        return new MemoryReport(
            baseFrom, baseTo, finalFrom, total, baseline, final, growth, MemoryBoundPercent,
            Math.Round(Slope(after.Select(s => ((s.At - soakStartAt) / 60, s.RssMb)).ToArray()), 2),
            all.Min(), all.Max(), soakSamples.Select(s => s.HwmMb).DefaultIfEmpty(double.NaN).Max(),
            indicative, !double.IsNaN(growth) && growth <= MemoryBoundPercent);
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN
            : Math.Round(sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2, 1);
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : Math.Round(sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)], 2);

    private static double Slope((double X, double Y)[] points)
    {
        if (points.Length < 2)
        {
            return double.NaN;
        }

        var mx = points.Average(p => p.X);
        var my = points.Average(p => p.Y);
        var sxx = points.Sum(p => (p.X - mx) * (p.X - mx));
        return sxx == 0 ? double.NaN : points.Sum(p => (p.X - mx) * (p.Y - my)) / sxx;
    }
}
