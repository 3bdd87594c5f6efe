using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Registry.Service.Partners;

/// <summary>
/// Remembers the lasting refusals (<see cref="ApiKeyRefusal.IsLasting"/>) of a key and secret for
/// <see cref="ApiKeyOptions.CacheDuration"/>, so that a client repeating the same wrong key (a misconfigured partner, a
/// revoked key still deployed) is answered without BCrypt and without spending the failure throttle. Unknown and existing
/// key ids are remembered alike. Bounded by <see cref="ApiKeyOptions.MaxTrackedFailureSources"/>; when full, expired
/// entries are dropped, and if none is, nothing more is remembered.
/// </summary>
public sealed class ApiKeyFailureCache(IOptions<ApiKeyOptions> options, TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly int _max = options.Value.MaxTrackedFailureSources;

    public bool TryGet(string flightKey, out ApiKeyRefusal refusal)
    {
        if (_entries.TryGetValue(flightKey, out var entry) && entry.ExpiresAt > timeProvider.GetUtcNow())
        {
            refusal = entry.Refusal;
            return true;
        }

        refusal = null!;
        return false;
    }

    public void Remember(string flightKey, ApiKeyRefusal refusal)
    {
        var now = timeProvider.GetUtcNow();
        if (!refusal.IsLasting || options.Value.CacheDuration <= TimeSpan.Zero)
        {
            return;
        }

        if (_entries.Count >= _max)
        {
            foreach (var (key, entry) in _entries)
            {
                if (entry.ExpiresAt <= now)
                {
                    _entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
                }
            }

            if (_entries.Count >= _max)
            {
                return;
            }
        }

        _entries[flightKey] = new Entry(refusal, now + options.Value.CacheDuration);
    }

    /// <summary>Forgets a key's refusals (it was revoked: the next attempt is verified again).</summary>
    public void ForgetKey(string keyId) => Forget(e => e.Refusal.KeyId == keyId);

    /// <summary>Forgets a partner's refusals (it was suspended or reinstated).</summary>
    public void ForgetPartner(string partnerId) => Forget(e => e.Refusal.PartnerId == partnerId);

    private void Forget(Func<Entry, bool> match)
    {
        foreach (var (key, entry) in _entries)
        {
            if (match(entry))
            {
                _entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
            }
        }
    }

    private sealed record Entry(ApiKeyRefusal Refusal, DateTimeOffset ExpiresAt);
}
