namespace Registry.Bench.Export;

/// <summary>What was written: rows (header excluded), bytes, how long it took, and the bad rows of each kind.</summary>
public sealed record ExportSummary(long Rows, long Bytes, TimeSpan Elapsed, IReadOnlyList<(BadRowKind Kind, long Rows)> BadRows);
