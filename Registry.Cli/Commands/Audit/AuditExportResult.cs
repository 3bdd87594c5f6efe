namespace Registry.Cli.Commands.Audit;

/// <summary>The <c>--json</c> document of <c>registry audit export</c>.</summary>
/// <param name="Out">The CSV file written.</param>
/// <param name="Rows">How many entries it holds.</param>
/// <param name="Verifiable">Whether it is a full sequence range with its checkpoints, verifiable offline.</param>
/// <param name="CheckpointsFile">The checkpoints file, when verifiable.</param>
/// <param name="Checkpoints">How many checkpoints it holds.</param>
internal sealed record AuditExportResult(string Out, long Rows, bool Verifiable, string? CheckpointsFile, int Checkpoints);
