using System.Buffers.Binary;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Registry.Service.Records;

/// <summary>
/// The record facts of the subjects this replica checked (none found included), so that a check on a subject already
/// seen reads no records. Every change to the records counts one in <see cref="RecordsVersion"/> in its own transaction;
/// <see cref="RecordChangeWatch"/> reads that version in the background, and when it moved everything here is forgotten.
/// A change made on this replica forgets everything at once (<see cref="Invalidate"/>), before its call returns.
/// </summary>
/// <remarks>
/// <para>
/// The bound: a check answers from here only while the last version read that succeeded was asked for less than
/// <see cref="RecordsOptions.MaxStaleness"/> ago; a change committed before that question started is already seen. So a
/// correction, an expunge or an import committed by any replica is seen by every check that starts
/// <see cref="RecordsOptions.MaxStaleness"/> after it, and on the replica that made it by every check that starts after
/// its call returned. When the database cannot be asked, the cache lapses and checks read the records again.
/// </para>
/// <para>
/// A read that races a change cannot bring back what the change replaced: each read takes the cache's generation before
/// it starts (<see cref="Generation"/>), every forgetting moves the generation on, and an entry answers only in the
/// generation it was read in.
/// </para>
/// </remarks>
public sealed class RecordFactsCache : IDisposable
{
    private readonly MemoryCache? _cache;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _maxStaleness;
    private long _generation;
    private long _version = -1;
    private long _askedAt;
    private bool _asked;

    public RecordFactsCache(IOptions<RecordsOptions> options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
        _maxStaleness = options.Value.MaxStaleness;
        var size = options.Value.FactsCacheSize;
        _cache = size == 0 ? null : new MemoryCache(new MemoryCacheOptions { SizeLimit = size });
    }

    /// <summary>The generation a read of the records starts in; pass it to <see cref="Set"/>.</summary>
    public long Generation => Volatile.Read(ref _generation);

    public bool TryGet(byte[] subjectKey, out IReadOnlyList<RecordFacts> facts)
    {
        facts = [];
        if (_cache is null || !IsCurrent()
            || !_cache.TryGetValue(new Key(subjectKey), out Entry? entry) || entry!.Generation != Volatile.Read(ref _generation))
        {
            return false;
        }

        facts = entry.Facts;
        return true;
    }

    /// <summary>Remembers what a read that started in <paramref name="generation"/> found, unless the records changed since.</summary>
    public void Set(byte[] subjectKey, IReadOnlyList<RecordFacts> facts, long generation)
    {
        ArgumentNullException.ThrowIfNull(subjectKey);
        ArgumentNullException.ThrowIfNull(facts);
        if (_cache is null || generation != Volatile.Read(ref _generation))
        {
            return;
        }

        using var entry = _cache.CreateEntry(new Key(subjectKey));
        entry.Value = new Entry(facts, generation);
        entry.Size = 1;
    }

    /// <summary>Forgets everything: the records changed (on this replica, or as <see cref="Asked"/> found).</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        _cache?.Clear();
    }

    /// <summary>
    /// The version the database held when asked at <paramref name="askedAt"/> (a <see cref="TimeProvider"/> timestamp
    /// taken before the question was sent); forgets everything when it moved.
    /// </summary>
    public void Asked(long askedAt, long version)
    {
        if (Interlocked.Exchange(ref _version, version) != version)
        {
            Invalidate();
        }

        Volatile.Write(ref _askedAt, askedAt);
        Volatile.Write(ref _asked, true);
    }

    public void Dispose() => _cache?.Dispose();

    private bool IsCurrent() =>
        Volatile.Read(ref _asked) && _timeProvider.GetElapsedTime(Volatile.Read(ref _askedAt)) < _maxStaleness;

    private sealed record Entry(IReadOnlyList<RecordFacts> Facts, long Generation);

    /// <summary>A subject key by value. The key is an HMAC under the registry's secret K, so its bytes are its hash.</summary>
    private sealed class Key(byte[] value) : IEquatable<Key>
    {
        private readonly byte[] _value = value;

        public bool Equals(Key? other) => other is not null && _value.AsSpan().SequenceEqual(other._value);

        public override bool Equals(object? obj) => Equals(obj as Key);

        public override int GetHashCode() => _value.Length >= 4 ? BinaryPrimitives.ReadInt32LittleEndian(_value) : _value.Length;
    }
}
