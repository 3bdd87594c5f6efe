using Registry.Cli.Parsing;

namespace Registry.Cli.Commands.Audit;

/// <summary>The <c>--json</c> document of <c>registry audit verify</c>.</summary>
/// <param name="Ok">Whether the range verifies.</param>
/// <param name="Mode"><c>online</c> (the service verified) or <c>offline</c> (this machine verified an export).</param>
/// <param name="Problem"><c>NONE</c>, <c>MODIFIED</c>, <c>MISSING</c>, <c>INSERTED</c>, <c>REORDERED</c>, <c>ROOT_MISMATCH</c> or <c>BAD_SIGNATURE</c>.</param>
internal sealed record AuditVerifyResult(
    bool Ok,
    string Mode,
    long EntriesVerified,
    long CheckpointsVerified,
    long? FirstBadSequence,
    string Problem,
    string Message,
    long? BadCheckpointFromSize,
    long? BadCheckpointToSize,
    string? AuditEntryId)
{
    public static AuditVerifyResult From(Registry.Client.Audit.ServerAuditVerification verification)
    {
        ArgumentNullException.ThrowIfNull(verification);
        return From(verification.Result, "online") with
        {
            AuditEntryId = string.IsNullOrEmpty(verification.AuditEntryId) ? null : verification.AuditEntryId,
        };
    }

    public static AuditVerifyResult From(Registry.Client.Transparency.AuditVerificationResult result, string mode = "offline")
    {
        ArgumentNullException.ThrowIfNull(result);
        var interval = result.BadCheckpointToSize > 0;
        return new(result.Ok, mode, result.EntriesVerified, result.CheckpointsVerified, result.FirstBadSequence,
            EnumToken.FromPascal(result.Problem.ToString()), result.Message,
            interval ? result.BadCheckpointFromSize : null, interval ? result.BadCheckpointToSize : null, null);
    }

    public void WriteText(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (Ok)
        {
            writer.WriteLine($"OK: {EntriesVerified} entries, {CheckpointsVerified} checkpoints verified ({Mode}).");
            return;
        }

        writer.WriteLine($"FAILED at sequence {FirstBadSequence?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}: {Problem}");
        writer.WriteLine(Message);
        if (BadCheckpointToSize is { } to)
        {
            writer.WriteLine($"checkpoint interval ({BadCheckpointFromSize}, {to}] no longer matches its signed root");
        }
    }
}
