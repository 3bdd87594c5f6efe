using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Registry.Client.Admin;

namespace Registry.Cli.Commands.Import;

/// <summary>
/// The record keys (source_id, case_number) of one import file so far, with the line where each was first seen: a key seen
/// again is rejected even when the two rows go in different batches (the service sees only the rows of one batch at a
/// time). A key is kept as 128 bits of its SHA-256 instead of its two strings: about 45 bytes a row with the dictionary's
/// own (measured: 45 MB more at a million rows, docs/benchmarks.md). Two different keys of a file of n rows share those
/// bits with a probability of about n² / 2¹²⁹ (10⁻²⁷ for a million rows).
/// </summary>
internal sealed class ImportKeySet
{
    private const int MaxKeyBytes = 3 * (RecordRowRules.SourceIdMaxLength + RecordRowRules.CaseNumberMaxLength) + sizeof(int);

    private readonly Dictionary<Digest128, long> _firstLines = [];

    /// <summary>How many different keys have been seen.</summary>
    public int Count => _firstLines.Count;

    /// <summary>Records the key of the row at <paramref name="line"/>; false, with the first row's line, when it was seen before.</summary>
    public bool TryAdd(string sourceId, string caseNumber, long line, out long firstLine)
    {
        ArgumentNullException.ThrowIfNull(sourceId);
        ArgumentNullException.ThrowIfNull(caseNumber);
        var digest = DigestOf(sourceId, caseNumber);
        if (_firstLines.TryAdd(digest, line))
        {
            firstLine = line;
            return true;
        }

        firstLine = _firstLines[digest];
        return false;
    }

    /// <summary>SHA-256 of the UTF-8 source id's length, the source id and the case number, cut to 128 bits.</summary>
    private static Digest128 DigestOf(string sourceId, string caseNumber)
    {
        // Validated keys always fit on the stack (at most 3 UTF-8 bytes per UTF-16 unit); the heap only for a longer one.
        var size = Encoding.UTF8.GetByteCount(sourceId) + Encoding.UTF8.GetByteCount(caseNumber) + sizeof(int);
        var buffer = size <= MaxKeyBytes ? stackalloc byte[MaxKeyBytes] : new byte[size];
        var sourceBytes = Encoding.UTF8.GetBytes(sourceId, buffer[sizeof(int)..]);
        BinaryPrimitives.WriteInt32BigEndian(buffer, sourceBytes);
        var caseBytes = Encoding.UTF8.GetBytes(caseNumber, buffer[(sizeof(int) + sourceBytes)..]);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(buffer[..(sizeof(int) + sourceBytes + caseBytes)], hash);
        return new Digest128(BinaryPrimitives.ReadUInt64BigEndian(hash), BinaryPrimitives.ReadUInt64BigEndian(hash[sizeof(ulong)..]));
    }

    /// <summary>128 bits as two 8-byte halves: a dictionary entry of 32 bytes, where a 16-byte-aligned UInt128 takes 48.</summary>
    private readonly record struct Digest128(ulong High, ulong Low)
    {
        public override int GetHashCode() => unchecked((int)Low);
    }
}
