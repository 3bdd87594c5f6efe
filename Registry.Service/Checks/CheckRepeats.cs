using System.Buffers.Binary;
using System.Security.Cryptography;
using Registry.Service.Consent;
using Registry.Service.Infrastructure;

namespace Registry.Service.Checks;

/// <summary>
/// A check that repeats the request id of the last check answered under the same consent (an SDK retry after a
/// lost response) uses the consent no further. When the records would give the same answer as that first check, the
/// retry is given the first answer again, with the first audit entry's id as its receipt, and is not audited again:
/// it discloses nothing the log does not already hold, so one check is one entry. When the answer has changed since
/// (a record imported, corrected, expunged, or a retention period or an order that ended), the retry is a new
/// disclosure and is audited as one, with reason <see cref="RepeatedReason"/>.
/// </summary>
/// <remarks>
/// The consent row remembers the request id, a digest of the answer and the entry id (written by the same conditional
/// UPDATE that counts the use), so recognising a retry costs no extra query on the check path.
/// </remarks>
public static class CheckRepeats
{
    public const string RepeatedReason = "REPEATED_REQUEST";

    public const string ConflictReason = "CONCURRENT_REQUEST";

    /// <summary>
    /// A check whose request id another call was answering at the same moment, decided twice without settling; retrying
    /// it is safe (nothing was written or disclosed) and is answered as a repeat.
    /// </summary>
    public static RegistryException Conflict() =>
        new(Grpc.Core.StatusCode.Aborted, ConflictReason, "Another check with the same request_id was being answered at the same time; retry it.");

    public static bool IsRepeat(ConsentState consent, CheckCommand command)
    {
        ArgumentNullException.ThrowIfNull(consent);
        ArgumentNullException.ThrowIfNull(command);
        return command.RequestId is { } requestId && consent.LastRequestId == requestId;
    }

    /// <summary>The id of the entry that already records <paramref name="answer"/> for this retry, or null when it must be audited.</summary>
    public static string? AuditedAs(ConsentState consent, byte[] answerDigest)
    {
        ArgumentNullException.ThrowIfNull(consent);
        return consent is { LastAnswerDigest: { } digest, LastAuditEntryId: { } entryId }
            && CryptographicOperations.FixedTimeEquals(digest, answerDigest)
            ? entryId
            : null;
    }

    /// <summary>
    /// SHA-256 of everything the answer discloses, in a fixed layout: found, then for a summary whether an order is in
    /// force and each category's number, count and latest decision date (as its day number).
    /// </summary>
    public static byte[] Digest(CheckAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var categories = answer.Summary?.Categories ?? [];
        Span<byte> buffer = stackalloc byte[3 + (categories.Count * 12)];
        buffer[0] = answer.RecordFound ? (byte)1 : (byte)0;
        buffer[1] = answer.Summary is null ? (byte)0 : (byte)1;
        buffer[2] = answer.Summary?.ProtectiveOrderInForce == true ? (byte)1 : (byte)0;
        for (var i = 0; i < categories.Count; i++)
        {
            var slot = buffer.Slice(3 + (i * 12), 12);
            BinaryPrimitives.WriteInt32LittleEndian(slot, (int)categories[i].Category);
            BinaryPrimitives.WriteInt32LittleEndian(slot[4..], categories[i].Count);
            BinaryPrimitives.WriteInt32LittleEndian(slot[8..], categories[i].LatestDecisionDate.DayNumber);
        }

        return SHA256.HashData(buffer);
    }
}
