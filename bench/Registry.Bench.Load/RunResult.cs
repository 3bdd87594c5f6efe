namespace Registry.Bench.Load;

/// <summary>One measured window of one mode.</summary>
public sealed record RunResult(AuditMode Mode, int Repetition, long Calls, long Errors, double CallsPerSecond, double P50Ms, double P99Ms, IReadOnlyList<int> BatchSizes, string LoadAverage, double CpuCores, double CpuMsPerCall);
