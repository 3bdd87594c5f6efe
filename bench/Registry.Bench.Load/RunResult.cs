namespace Registry.Bench.Load;

/// <summary>
/// One measured window of one case. <see cref="AllocatedBytesPerCall"/> and the CPU are the whole process's (the
/// client, the in-process server and the audit writer share it); <see cref="RssMb"/> is the process's at the window's end.
/// </summary>
public sealed record RunResult(
    LoadCase Case, int Repetition, long Calls, long Errors, double CallsPerSecond, double MeanMs, double P50Ms, double P99Ms,
    IReadOnlyList<int> BatchSizes, string LoadAverage, double CpuCores, double CpuMsPerCall, double AllocatedBytesPerCall, double RssMb)
{
    public AuditMode Mode => Case.Mode;

    /// <summary>The service's own metrics over the same window (<see cref="ServiceView"/>); null with <c>--service-view off</c>.</summary>
    public ServiceView.Reading? Service { get; init; }
}
