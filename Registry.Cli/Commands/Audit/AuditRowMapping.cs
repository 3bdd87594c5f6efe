using System.Globalization;
using Registry.Cli.Parsing;
using Registry.Client.Audit;
using Registry.Client.Transparency;

namespace Registry.Cli.Commands.Audit;

/// <summary>
/// Maps audit entries to CSV rows and back. Role and purpose are written in the strings of the canonical encoding
/// (docs/audit.md: <c>ROLE_PARTNER</c>, <c>DATING_SAFETY</c>) so an export can be verified offline.
/// </summary>
internal static class AuditRowMapping
{
    private const string InstantFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static AuditCsvRow ToRow(AuditEntryInfo entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new AuditCsvRow
        {
            Sequence = entry.Sequence,
            EntryId = entry.EntryId,
            RecordedAt = entry.RecordedAt.UtcDateTime.ToString(InstantFormat, CultureInfo.InvariantCulture),
            PartnerId = entry.Actor.PartnerId,
            KeyId = entry.Actor.KeyId,
            Role = entry.Actor.Role is { } role ? "ROLE_" + EnumToken.FromPascal(role.ToString()) : string.Empty,
            Action = entry.Action,
            SubjectKey = Convert.ToHexStringLower(entry.SubjectKey.Span),
            SubjectKeyId = entry.SubjectKeyId,
            ConsentId = entry.ConsentId,
            Purpose = entry.Purpose is { } purpose ? EnumToken.FromPascal(purpose.ToString()) : string.Empty,
            Outcome = entry.Outcome,
            Reason = entry.Reason,
            RequestId = entry.RequestId,
            Detail = entry.Detail,
            LeafHash = Convert.ToHexStringLower(entry.LeafHash.Span),
        };
    }

    /// <summary>The verifier's view of an exported row; false when the row has no sequence or leaf hash (not yet sequenced).</summary>
    public static bool TryToLogRow(AuditCsvRow row, out AuditLogRow? logRow)
    {
        ArgumentNullException.ThrowIfNull(row);
        logRow = null;
        if (row.Sequence is not { } sequence || row.LeafHash.Length == 0)
        {
            return false;
        }

        var entry = new AuditEntryData
        {
            EntryId = Unescape(row.EntryId),
            RecordedAt = DateTimeOffset.ParseExact(row.RecordedAt, InstantFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
            PartnerId = Unescape(row.PartnerId),
            KeyId = Unescape(row.KeyId),
            Role = Unescape(row.Role),
            Action = Unescape(row.Action),
            SubjectKey = Convert.FromHexString(row.SubjectKey),
            SubjectKeyId = Unescape(row.SubjectKeyId),
            ConsentId = Unescape(row.ConsentId),
            Purpose = Unescape(row.Purpose),
            Outcome = Unescape(row.Outcome),
            Reason = Unescape(row.Reason),
            RequestId = Unescape(row.RequestId),
            Detail = Unescape(row.Detail),
        };
        logRow = new AuditLogRow(sequence, entry, Convert.FromHexString(row.LeafHash));
        return true;
    }

    /// <summary>
    /// Undoes the export's formula neutralisation: a leading <c>'</c> before <c>= + - @</c>, tab or CR was added by
    /// the writer. A value that itself began with such a <c>'</c> reads back wrong and verifies as modified: a false
    /// alarm, never a false pass.
    /// </summary>
    private static string Unescape(string value) =>
        value.Length >= 2 && value[0] == '\'' && value[1] is '=' or '+' or '-' or '@' or '\t' or '\r' ? value[1..] : value;
}
