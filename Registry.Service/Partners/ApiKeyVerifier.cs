using System.Collections.Concurrent;
using System.Data.Common;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Registry.Service.Identity;
using Registry.Service.Infrastructure;

namespace Registry.Service.Partners;

/// <summary>
/// Verifies <c>authorization: Bearer rk_…</c> keys. BCrypt costs tens of milliseconds, so a verified key is
/// remembered for <see cref="ApiKeyOptions.CacheDuration"/> (keyed by key id and a SHA-256 of the presented
/// secret); that duration bounds how long a revoked key keeps working on another replica. After it the key is read
/// again (revoked? suspended?), and BCrypt runs again only if its stored hash is no longer the one it was proven against.
/// </summary>
/// <remarks>
/// Without an oracle (OWASP API2, docs/reliability.md): an unknown key id is verified against a stand-in hash
/// (<see cref="IApiKeySecretHasher"/>), so a wrong secret costs one lookup and one BCrypt run whether or not the id exists.
/// A cached key is answered before any throttle or queue. Any other key is "known" when this replica verified the same
/// key and secret before (its cache entry expired) and goes through its own verification lane; an unproven key spends the
/// failure throttle (<see cref="ApiKeyFailureThrottle"/>) and waits in the bounded lane (<see cref="ApiKeyVerificationGate"/>),
/// so a flood of wrong keys is refused quickly (RESOURCE_EXHAUSTED) instead of queueing BCrypt work in front of valid
/// partners. A malformed key is refused without a lookup or BCrypt: its shape is public, so that answer tells an attacker
/// only what it already knows, and refusing it cheaply keeps garbage from buying CPU.
/// </remarks>
public sealed class ApiKeyVerifier(
    IDbContextFactory<RegistryDbContext> contextFactory,
    TimeProvider timeProvider,
    IOptions<ApiKeyOptions> options,
    IApiKeySecretHasher hasher,
    ApiKeyFailureThrottle throttle,
    ApiKeyVerificationGate gate,
    ApiKeyFailureCache refusals,
    AuthenticationFailures failures,
    AuthenticationMetrics metrics)
{
    private readonly ConcurrentDictionary<string, CachedKey> _cache = new(StringComparer.Ordinal);

    // One BCrypt verification at a time per presented key: when a cache entry expires under load, the calls in
    // flight with that key share one verification instead of each running BCrypt (tens of ms) at once.
    private readonly ConcurrentDictionary<string, Lazy<Task<Verification>>> _verifying = new(StringComparer.Ordinal);

    /// <summary>Returns the caller, or throws an UNAUTHENTICATED / PERMISSION_DENIED / RESOURCE_EXHAUSTED <see cref="RegistryException"/>.</summary>
    public Task<Caller> VerifyAsync(string? authorization, CancellationToken cancellationToken) =>
        VerifyAsync(authorization, null, cancellationToken);

    /// <summary>As <see cref="VerifyAsync(string?, CancellationToken)"/>, for a call from <paramref name="remoteAddress"/>.</summary>
    public async Task<Caller> VerifyAsync(string? authorization, IPAddress? remoteAddress, CancellationToken cancellationToken)
    {
        var peer = PeerAddress.Of(remoteAddress);
        if (string.IsNullOrWhiteSpace(authorization))
        {
            throw Refuse(ApiKeyRefusal.Missing, peer);
        }

        const string scheme = "Bearer ";
        var presented = authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? authorization[scheme.Length..].Trim() : null;
        if (!ApiKeyFormat.TryParse(presented, out var keyId, out var secret))
        {
            throw Refuse(ApiKeyRefusal.Malformed, peer);
        }

        var fingerprint = SHA256.HashData(Encoding.ASCII.GetBytes(secret));
        var now = timeProvider.GetUtcNow();
        var known = false;
        string? provenHash = null;
        if (_cache.TryGetValue(keyId, out var cached) && CryptographicOperations.FixedTimeEquals(cached.Fingerprint, fingerprint))
        {
            if (cached.ExpiresAt > now)
            {
                if (now >= cached.RefreshAt)
                {
                    // On the pool, not inline: the key lookup completes synchronously on SQLite, and BCrypt would then run
                    // inside this call.
                    _ = Task.Run(() => RefreshAsync(keyId, secret, fingerprint, cached.SecretHash), CancellationToken.None);
                }

                metrics.KeyCacheLookup(AuthenticationMetrics.Hit);
                return cached.Caller;
            }

            known = true;
            provenHash = cached.SecretHash;
        }

        var flightKey = FlightKey(keyId, fingerprint);
        if (!known)
        {
            if (refusals.TryGet(flightKey, out var remembered))
            {
                metrics.KeyCacheLookup(AuthenticationMetrics.RefusalHit);
                throw Refuse(remembered, peer);
            }

            // Joining a verification already under way adds no work, so it spends nothing.
            if (!_verifying.ContainsKey(flightKey) && throttle.TryAcquire(keyId, peer) is { } retryAfter)
            {
                throw Refuse(ApiKeyRefusal.Throttled(retryAfter), peer);
            }
        }

        metrics.KeyCacheLookup(known ? AuthenticationMetrics.Expired : AuthenticationMetrics.Miss);
        var flight = Flight(keyId, secret, fingerprint, flightKey, known, provenHash);
        Verification result;
        try
        {
            result = await flight.Value.WaitAsync(cancellationToken);
        }
        finally
        {
            Land(flightKey, flight);
        }

        return result.Caller ?? throw Refuse(result.Refusal!, peer);
    }

    /// <summary>
    /// Makes this replica verify a key again at its next call (it was revoked); others notice within the cache duration.
    /// The key stays "known", so that verification is never queued behind a flood.
    /// </summary>
    public void Evict(string keyId)
    {
        refusals.ForgetKey(keyId);
        if (_cache.TryGetValue(keyId, out var entry))
        {
            Expire(keyId, entry);
        }
    }

    /// <summary>Makes this replica verify every key of a partner again at its next call (e.g. it was suspended).</summary>
    public void EvictPartner(string partnerId)
    {
        refusals.ForgetPartner(partnerId);
        foreach (var (keyId, entry) in _cache)
        {
            if (entry.Caller.PartnerId == partnerId)
            {
                Expire(keyId, entry);
            }
        }
    }

    private void Expire(string keyId, CachedKey entry)
    {
        var now = timeProvider.GetUtcNow();
        if (_cache.TryUpdate(keyId, entry with { ExpiresAt = DateTimeOffset.MinValue }, entry) && entry.ExpiresAt > now)
        {
            metrics.Evicted(entry.ExpiresAt - now);
        }
    }

    private RegistryException Refuse(ApiKeyRefusal refusal, string peer)
    {
        failures.Record(refusal, peer);
        return refusal.ToException();
    }

    /// <summary>
    /// Verifies a cached key again in the background during the last quarter of its cache duration, while calls
    /// keep being answered from the cache: otherwise every call of a busy partner waited for BCrypt (≈130 ms) each
    /// time the entry expired, which set the p99 latency of the whole service (docs/benchmarks.md). A key that no
    /// longer verifies is forgotten at once; the bound on a revoked key is unchanged (the cache duration).
    /// </summary>
    private async Task RefreshAsync(string keyId, string secret, byte[] fingerprint, string provenHash)
    {
        var flightKey = FlightKey(keyId, fingerprint);
        var flight = Flight(keyId, secret, fingerprint, flightKey, known: true, provenHash);
        try
        {
            await flight.Value;
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or TimeoutException)
        {
            // The database is unreachable: the entry serves until it expires, then callers see the fault.
        }
        finally
        {
            Land(flightKey, flight);
        }
    }

    private static string FlightKey(string keyId, byte[] fingerprint) => keyId + ":" + Convert.ToHexString(fingerprint);

    private Lazy<Task<Verification>> Flight(string keyId, string secret, byte[] fingerprint, string flightKey, bool known, string? provenHash = null) =>
        _verifying.GetOrAdd(flightKey, _ => new Lazy<Task<Verification>>(() => VerifyAndCacheAsync(keyId, secret, fingerprint, flightKey, known, provenHash)));

    private void Land(string flightKey, Lazy<Task<Verification>> flight)
    {
        if (flight.Value.IsCompleted)
        {
            _verifying.TryRemove(new KeyValuePair<string, Lazy<Task<Verification>>>(flightKey, flight));
        }
    }

    // Not tied to one caller's token: the verification is shared by every caller waiting on it.
    private async Task<Verification> VerifyAndCacheAsync(string keyId, string secret, byte[] fingerprint, string flightKey, bool known, string? provenHash)
    {
        // A caller that found the entry expired may get here just after another flight for the same key verified it,
        // cached it and landed (on SQLite a lookup can complete synchronously): that fresh entry is the answer, and a
        // second lookup would only repeat it. An entry in its refresh window is verified again, as the refresh asks.
        if (_cache.TryGetValue(keyId, out var fresh) && CryptographicOperations.FixedTimeEquals(fresh.Fingerprint, fingerprint)
            && timeProvider.GetUtcNow() is var now && now < fresh.RefreshAt && now < fresh.ExpiresAt) // an evicted entry has expired
        {
            return new Verification(fresh.Caller, null, fresh.SecretHash);
        }

        Verification result;
        using (var lease = await gate.EnterAsync(known))
        {
            if (!lease.IsAcquired)
            {
                return new Verification(null, ApiKeyRefusal.Busy);
            }

            result = await LoadAndVerifyAsync(keyId, secret, known, provenHash);
        }

        if (result.Caller is { } caller)
        {
            var duration = options.Value.CacheDuration;
            var verifiedAt = timeProvider.GetUtcNow();
            _cache[keyId] = new CachedKey(fingerprint, caller, result.SecretHash!, verifiedAt + duration, verifiedAt + (duration * 3 / 4));
        }
        else if (result.Refusal!.IsLasting)
        {
            if (_cache.TryGetValue(keyId, out var stale) && CryptographicOperations.FixedTimeEquals(stale.Fingerprint, fingerprint))
            {
                _cache.TryRemove(new KeyValuePair<string, CachedKey>(keyId, stale));
            }

            refusals.Remember(flightKey, result.Refusal);
        }

        return result;
    }

    /// <summary>
    /// Loads the key and checks it. BCrypt runs unless <paramref name="provenHash"/> is still the stored hash: this replica
    /// verified this very secret (same SHA-256 fingerprint) against that very hash before, and BCrypt would only say so
    /// again (hundreds of milliseconds of CPU every cache period per key, docs/benchmarks.md). Revocation, suspension and
    /// the partner's role are read again either way; a changed hash is verified again.
    /// </summary>
    private async Task<Verification> LoadAndVerifyAsync(string keyId, string secret, bool known, string? provenHash)
    {
        await using var db = await contextFactory.CreateDbContextAsync(CancellationToken.None);
        var key = await db.ApiKeys.AsNoTracking().Include(k => k.Partner)
            .SingleOrDefaultAsync(k => k.Id == keyId, CancellationToken.None);

        // Verified against the stand-in hash when the id does not exist: the same BCrypt work either way.
        var proven = provenHash is not null && key is not null && string.Equals(key.SecretHash, provenHash, StringComparison.Ordinal);
        if (!proven)
        {
            metrics.Verification(known);
            if (!hasher.Verify(secret, key?.SecretHash))
            {
                return new Verification(null, ApiKeyRefusal.Invalid(key?.Id));
            }
        }

        if (key!.RevokedAt is not null)
        {
            return new Verification(null, ApiKeyRefusal.Revoked(keyId));
        }

        var partner = key.Partner!;
        if (partner.IsSuspended)
        {
            return new Verification(null, ApiKeyRefusal.Suspended(keyId, partner.Id));
        }

        return new Verification(new Caller(partner.Id, key.Id, partner.Role, partner.AllowedPurposes)
        {
            Quota = partner.QuotaPermitsPerSecond is { } perSecond && partner.QuotaBurst is { } burst ? (perSecond, burst) : null,
        }, null, key.SecretHash);
    }

    /// <param name="SecretHash">The stored hash the secret was proven against (a success only).</param>
    private sealed record Verification(Caller? Caller, ApiKeyRefusal? Refusal, string? SecretHash = null);

    private sealed record CachedKey(byte[] Fingerprint, Caller Caller, string SecretHash, DateTimeOffset ExpiresAt, DateTimeOffset RefreshAt);
}
