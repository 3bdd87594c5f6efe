using System.Buffers.Binary;

namespace Registry.Service.Records;

/// <summary>Links a record to one of its subject's identities, by subject key.</summary>
public sealed class RecordSubject
{
    private readonly byte[] _subjectKey = [];

    public long RecordId { get; init; }

    public required byte[] SubjectKey
    {
        get => _subjectKey;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            _subjectKey = value;
            SubjectPrefix = PrefixOf(value);
        }
    }

    public required string SubjectKeyId { get; init; }

    /// <summary>
    /// The first 8 bytes of <see cref="SubjectKey"/> as an integer (<see cref="PrefixOf"/>): the column the subject lookup's
    /// index is built on. Subject keys are uniformly random, so every insert lands on a random page of that index; an
    /// 8-byte key makes it about a third of the size of one on the whole 32-byte key, and an import writes that many fewer
    /// pages (docs/benchmarks.md, issue 9). A lookup probes the prefix and compares the whole key.
    /// </summary>
    public long SubjectPrefix { get; private set; }

    /// <summary>The prefix a subject key is indexed by: its first 8 bytes, big-endian, zero-padded if shorter.</summary>
    public static long PrefixOf(ReadOnlySpan<byte> subjectKey)
    {
        if (subjectKey.Length >= sizeof(long))
        {
            return BinaryPrimitives.ReadInt64BigEndian(subjectKey);
        }

        Span<byte> padded = stackalloc byte[sizeof(long)];
        padded.Clear();
        subjectKey.CopyTo(padded);
        return BinaryPrimitives.ReadInt64BigEndian(padded);
    }
}
