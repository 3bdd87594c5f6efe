using System.Globalization;

namespace Registry.Bench.Soak;

/// <summary>
/// Samples the service process every few seconds from <c>/proc/&lt;pid&gt;</c> (Linux): VmRSS, VmHWM, threads and the CPU
/// time it has used, the database and WAL file sizes, and the machine's load average.
/// </summary>
public sealed class ProcessSampler(int? pid, string? database, Func<long> callsSoFar, TimeSpan every, TimeProvider clock)
{
    private static readonly double TicksPerSecond = 100; // USER_HZ: 100 on every Linux this runs on

    private static readonly char[] Separators = [' ', '\t'];

    private readonly List<ProcessSample> _samples = [];
    private readonly Lock _lock = new();

    public IReadOnlyList<ProcessSample> Samples
    {
        get
        {
            lock (_lock)
            {
                return _samples.ToArray();
            }
        }
    }

    /// <summary>Samples until cancelled; <paramref name="phase"/> names what runs at the time of each sample.</summary>
    public async Task RunAsync(long originTimestamp, Func<string> phase, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(every, clock);
        do
        {
            if (Take(clock.GetElapsedTime(originTimestamp), phase()) is { } sample)
            {
                lock (_lock)
                {
                    _samples.Add(sample);
                }
            }
        }
        while (await WaitAsync(timer, cancellationToken));
    }

    public ProcessSample? Take(TimeSpan at, string phase)
    {
        if (pid is not { } id || !File.Exists($"/proc/{id}/status"))
        {
            return null;
        }

        try
        {
            long rss = 0, hwm = 0, threads = 0;
            foreach (var line in File.ReadLines($"/proc/{id}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    rss = Kilobytes(line);
                }
                else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    hwm = Kilobytes(line);
                }
                else if (line.StartsWith("Threads:", StringComparison.Ordinal))
                {
                    threads = Kilobytes(line);
                }
            }

            // Fields after the command name, which is in parentheses and may hold spaces: utime and stime are the 12th and 13th.
            var stat = File.ReadAllText($"/proc/{id}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var cpu = (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
            var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            return new ProcessSample(
                Math.Round(at.TotalSeconds, 1), phase, rss / 1024.0, hwm / 1024.0, threads, cpu,
                FileMegabytes(database), FileMegabytes(database is null ? null : database + "-wal"),
                double.Parse(load, CultureInfo.InvariantCulture), callsSoFar());
        }
        catch (IOException)
        {
            return null; // the process is gone
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static long Kilobytes(string line) =>
        long.Parse(line.Split(Separators, StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

    private static double FileMegabytes(string? path) =>
        path is not null && File.Exists(path) ? Math.Round(new FileInfo(path).Length / 1048576.0, 1) : 0;
}

/// <param name="At">Seconds since the service answered (the probe starts then; the soak later).</param>
/// <param name="Phase">probe, soak or verify.</param>
/// <param name="RssMb">VmRSS.</param>
/// <param name="HwmMb">VmHWM, the peak RSS so far.</param>
/// <param name="Threads">Threads of the process.</param>
/// <param name="CpuSeconds">utime + stime so far.</param>
/// <param name="DatabaseMb">The database file.</param>
/// <param name="WalMb">Its write-ahead log.</param>
/// <param name="LoadAverage">The machine's 1-minute load average.</param>
/// <param name="Calls">Calls answered so far (any result, probe included): the rate between two samples.</param>
public sealed record ProcessSample(
    double At, string Phase, double RssMb, double HwmMb, long Threads, double CpuSeconds, double DatabaseMb, double WalMb, double LoadAverage, long Calls);
