using System.Buffers.Binary;
using System.Text;

namespace Registry.Client.Transparency;

/// <summary>The canonical bytes of an audit entry (format <c>registry/audit/v1</c>, docs/audit.md) and its leaf hash.</summary>
public static class AuditEntryEncoding
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The ASCII domain label that starts every encoding; a 0x00 byte follows it.</summary>
    public const string Label = "registry/audit/v1";

    /// <summary>Encodes an entry: the label, 0x00, then sequence, entry_id, recorded_at, partner_id, key_id, role,
    /// action, subject_key, subject_key_id, consent_id, purpose, outcome, reason, request_id and detail. Integers are
    /// 8-byte big-endian; strings (UTF-8) and bytes are a 4-byte big-endian length then the bytes.</summary>
    /// <param name="sequence">The entry's sequence number (its leaf index).</param>
    /// <param name="entry">The entry's fields.</param>
    /// <returns>The canonical bytes.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="entry"/> is null.</exception>
    /// <exception cref="ArgumentException">A string field is not valid UTF-16 (a lone surrogate).</exception>
    public static byte[] Encode(long sequence, AuditEntryData entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var stream = new MemoryStream(256);
        stream.Write(Encoding.ASCII.GetBytes(Label));
        stream.WriteByte(0x00);
        WriteInt64(stream, sequence);
        WriteString(stream, entry.EntryId);
        WriteInt64(stream, ToUnixMicroseconds(entry.RecordedAt));
        WriteString(stream, entry.PartnerId);
        WriteString(stream, entry.KeyId);
        WriteString(stream, entry.Role);
        WriteString(stream, entry.Action);
        WriteBytes(stream, entry.SubjectKey.Span);
        WriteString(stream, entry.SubjectKeyId);
        WriteString(stream, entry.ConsentId);
        WriteString(stream, entry.Purpose);
        WriteString(stream, entry.Outcome);
        WriteString(stream, entry.Reason);
        WriteString(stream, entry.RequestId);
        WriteString(stream, entry.Detail);
        return stream.ToArray();
    }

    /// <summary>Computes the entry's leaf hash, <c>SHA-256(0x00 || Encode(sequence, entry))</c>.</summary>
    /// <param name="sequence">The entry's sequence number.</param>
    /// <param name="entry">The entry's fields.</param>
    /// <returns>The 32-byte leaf hash.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="entry"/> is null.</exception>
    /// <exception cref="ArgumentException">A string field is not valid UTF-16 (a lone surrogate).</exception>
    public static byte[] LeafHash(long sequence, AuditEntryData entry) => MerkleTree.LeafHash(Encode(sequence, entry));

    /// <summary>Converts an instant to whole microseconds since 1970-01-01T00:00:00Z, rounding toward negative infinity.</summary>
    /// <param name="instant">The instant.</param>
    /// <returns>The microseconds.</returns>
    public static long ToUnixMicroseconds(DateTimeOffset instant)
    {
        var ticks = instant.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        return Math.DivRem(ticks, TimeSpan.TicksPerMicrosecond, out var rest) - (rest < 0 ? 1 : 0);
    }

    private static void WriteInt64(MemoryStream stream, long value)
    {
        Span<byte> buffer = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(buffer, value);
        stream.Write(buffer);
    }

    private static void WriteString(MemoryStream stream, string? value) =>
        WriteBytes(stream, StrictUtf8.GetBytes(value ?? string.Empty));

    private static void WriteBytes(MemoryStream stream, ReadOnlySpan<byte> value)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, value.Length);
        stream.Write(length);
        stream.Write(value);
    }
}
