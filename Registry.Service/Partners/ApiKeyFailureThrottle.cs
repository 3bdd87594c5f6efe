using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Registry.Service.Partners;

/// <summary>
/// Token buckets per key id and per peer (<see cref="PeerAddress"/>) that every unproven attempt (a key and secret this
/// replica has not verified before) spends one token from; an empty bucket refuses the attempt before any database read or
/// BCrypt work. Unknown and existing key ids are treated alike, so the throttle tells nothing about which ids exist.
/// </summary>
/// <remarks>
/// Written on <see cref="TimeProvider"/> rather than System.Threading.RateLimiting's token bucket, whose refill runs on a
/// timer of its own: these buckets refill lazily from the clock, so a test drives them with a fake clock, and a full bucket
/// is indistinguishable from none, which keeps the tables bounded (<see cref="ApiKeyOptions.MaxTrackedFailureSources"/>:
/// full buckets are dropped when a table is full; if all are in use a new source is not throttled on that table, and the
/// bounded verification lanes still hold).
/// </remarks>
public sealed class ApiKeyFailureThrottle(IOptions<ApiKeyOptions> options, TimeProvider timeProvider)
{
    private readonly BucketTable _keyIds = new(options.Value.KeyIdFailureBurst, options.Value.KeyIdFailuresPerMinute, options.Value.MaxTrackedFailureSources);
    private readonly BucketTable _peers = new(options.Value.PeerFailureBurst, options.Value.PeerFailuresPerMinute, options.Value.MaxTrackedFailureSources);

    /// <summary>Spends a token of both buckets; null when allowed, otherwise how long until the emptier one has a token.</summary>
    public TimeSpan? TryAcquire(string keyId, string peer)
    {
        var now = timeProvider.GetTimestamp();
        if (_peers.TryTake(peer, now, timeProvider) is { } peerWait)
        {
            return peerWait;
        }

        if (_keyIds.TryTake(keyId, now, timeProvider) is { } keyWait)
        {
            _peers.GiveBack(peer);
            return keyWait;
        }

        return null;
    }

    private sealed class BucketTable(int burst, int perMinute, int maxEntries)
    {
        private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
        private readonly double _perTick = perMinute / (double)TimeSpan.FromMinutes(1).Ticks;
        private long _droppedAt = long.MinValue;

        public TimeSpan? TryTake(string key, long now, TimeProvider clock)
        {
            if (!_buckets.TryGetValue(key, out var bucket))
            {
                if (_buckets.Count >= maxEntries)
                {
                    DropFull(now, clock);
                    if (_buckets.Count >= maxEntries)
                    {
                        return null;
                    }
                }

                bucket = _buckets.GetOrAdd(key, _ => new Bucket(burst, now));
            }

            lock (bucket)
            {
                bucket.Refill(now, clock, burst, _perTick);
                if (bucket.Tokens >= 1)
                {
                    bucket.Tokens--;
                    return null;
                }

                return TimeSpan.FromTicks((long)Math.Ceiling((1 - bucket.Tokens) / _perTick));
            }
        }

        public void GiveBack(string key)
        {
            if (_buckets.TryGetValue(key, out var bucket))
            {
                lock (bucket)
                {
                    bucket.Tokens = Math.Min(burst, bucket.Tokens + 1);
                }
            }
        }

        // At most once a second: a full table under a spray of new sources must not cost a scan per attempt.
        private void DropFull(long now, TimeProvider clock)
        {
            var last = Interlocked.Read(ref _droppedAt);
            if ((last != long.MinValue && clock.GetElapsedTime(last, now) < TimeSpan.FromSeconds(1))
                || Interlocked.CompareExchange(ref _droppedAt, now, last) != last)
            {
                return;
            }

            foreach (var (key, bucket) in _buckets)
            {
                lock (bucket)
                {
                    bucket.Refill(now, clock, burst, _perTick);
                    if (bucket.Tokens >= burst)
                    {
                        _buckets.TryRemove(new KeyValuePair<string, Bucket>(key, bucket));
                    }
                }
            }
        }
    }

    private sealed class Bucket(int tokens, long refilledAt)
    {
        public double Tokens { get; set; } = tokens;

        public long RefilledAt { get; private set; } = refilledAt;

        public void Refill(long now, TimeProvider clock, int burst, double perTick)
        {
            var elapsed = clock.GetElapsedTime(RefilledAt, now);
            if (elapsed > TimeSpan.Zero)
            {
                Tokens = Math.Min(burst, Tokens + (elapsed.Ticks * perTick));
                RefilledAt = now;
            }
        }
    }
}
