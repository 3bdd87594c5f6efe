using System.Text.Json;
using System.Text.Json.Serialization;

namespace Registry.Bench.Soak;

/// <summary>Everything one soak run measured, written as JSON (<c>--out</c>) and printed as a summary.</summary>
public sealed record SoakReport(
    string Date,
    string Command,
    MachineReport Machine,
    string Database,
    long SeededRecords,
    int SeededConsents,
    ProbeReport? Probe,
    PacedReport Soak,
    CpuReport Cpu,
    IReadOnlyList<CallCount> Calls,
    IReadOnlyList<ErrorCount> Errors,
    IReadOnlyList<MinuteReport> Minutes,
    ImportReport Import,
    MemoryReport Memory,
    ServiceLogReport ServiceLog,
    VerifyReport Verify,
    int? ServiceExitCode,
    VerdictReport Verdict,
    IReadOnlyList<ProcessSample> Samples)
{
    public void Write(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, JsonSerializer.Serialize(this, SoakJsonContext.Default.SoakReport));
    }
}

public sealed record MachineReport(int Cores, string LoadAverageAtStart, string LoadAverageAtEnd, double MedianLoadAverage);

public sealed record ProbeReport(int Concurrency, double WarmUpSeconds, double WindowSeconds, long Checks, long Errors, double CallsPerSecond);

/// <param name="TargetRate">Calls per second offered (fraction × the probe's rate, or <c>--rate</c>).</param>
/// <param name="AchievedRate">Calls answered (any result) per second of the paced window.</param>
/// <param name="Skipped">Calls due while <c>MaxInFlight</c> calls were running, so not sent.</param>
public sealed record PacedReport(
    double Fraction, double TargetRate, double Minutes, long Started, long Skipped, long PeakInFlight, int MaxInFlight, double AchievedRate, double DrainSeconds);

/// <summary>CPU over the paced window: the service's (from /proc) and this driver's, which shares the machine's cores.</summary>
public sealed record CpuReport(double ServiceCoresBusy, double ServiceCpuMsPerCall, double DriverCoresBusy);

public sealed record CallCount(string Operation, string Result, long Count);

public sealed record ErrorCount(string Operation, string Kind, long Count, IReadOnlyList<string> FirstMessages);

/// <param name="Minute">0-based minute of the soak (0 is warm-up for memory).</param>
/// <param name="Calls">Paced calls that ended in the minute.</param>
public sealed record MinuteReport(
    int Minute, long Calls, double CallsPerSecond, long Errors, double CheckP50Ms, double CheckP90Ms, double CheckP99Ms, double CheckMaxMs,
    double AllP99Ms, double RssMedianMb, double LoadAverage);

public sealed record ImportReport(double RowsPerSecond, int JobRows, int BatchRows, long Jobs, long RowsSent, long RowsInserted, long PeopleSkipped);

/// <param name="BaselineFromSeconds">Start of the baseline window, seconds into the soak.</param>
/// <param name="GrowthPercent">Final window's median RSS against the baseline window's.</param>
/// <param name="SlopeMbPerMinute">Least-squares slope of RSS over the soak after the first minute.</param>
/// <param name="Indicative">The run was shorter than 5 minutes: the windows are quarters of it, and the verdict only indicative.</param>
public sealed record MemoryReport(
    double BaselineFromSeconds, double BaselineToSeconds, double FinalFromSeconds, double FinalToSeconds,
    double BaselineMedianMb, double FinalMedianMb, double GrowthPercent, double BoundPercent, double SlopeMbPerMinute,
    double MinMb, double MaxMb, double PeakHwmMb, bool Indicative, bool Ok);

public sealed record ServiceLogReport(long Warnings, long Failures, string? Path);

public sealed record VerifyReport(
    bool OnlineOk, long OnlineEntriesVerified, long OnlineCheckpointsVerified, string OnlineProblem, string OnlineMessage, double OnlineSeconds,
    int? OfflineExitCode, string? OfflineOutput, double OfflineSeconds);

public sealed record VerdictReport(bool NoErrors, bool NoServiceLogFailures, bool VerifiedOnline, bool VerifiedOffline, bool MemoryBounded, bool RateHeld, bool Pass);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(SoakReport))]
internal sealed partial class SoakJsonContext : JsonSerializerContext;
