using System.Collections.Concurrent;
using System.Data.Common;
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
/// secret); that duration bounds how long a revoked key keeps working on another replica.
/// </summary>
public sealed class ApiKeyVerifier(
    IDbContextFactory<RegistryDbContext> contextFactory,
    TimeProvider timeProvider,
    IOptions<ApiKeyOptions> options)
{
    private readonly ConcurrentDictionary<string, CachedKey> _cache = new(StringComparer.Ordinal);

    // One BCrypt verification at a time per presented key: when a cache entry expires under load, the calls in
    // flight with that key share one verification instead of each running BCrypt (tens of ms) at once.
    private readonly ConcurrentDictionary<string, Lazy<Task<Caller>>> _verifying = new(StringComparer.Ordinal);

    /// <summary>Returns the caller, or throws an UNAUTHENTICATED / PERMISSION_DENIED <see cref="RegistryException"/>.</summary>
    public async Task<Caller> VerifyAsync(string? authorization, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(authorization))
        {
            throw RegistryErrors.Unauthenticated("API_KEY_MISSING", "No API key: send the header 'authorization: Bearer rk_<key id>_<secret>'.");
        }

        const string scheme = "Bearer ";
        var presented = authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? authorization[scheme.Length..].Trim() : null;
        if (!ApiKeyFormat.TryParse(presented, out var keyId, out var secret))
        {
            throw RegistryErrors.Unauthenticated("API_KEY_INVALID", "The API key is malformed: expected 'Bearer rk_<16 hex id>_<64 hex secret>'.");
        }

        var fingerprint = SHA256.HashData(Encoding.ASCII.GetBytes(secret));
        var now = timeProvider.GetUtcNow();
        if (_cache.TryGetValue(keyId, out var cached) && cached.ExpiresAt > now
            && CryptographicOperations.FixedTimeEquals(cached.Fingerprint, fingerprint))
        {
            if (now >= cached.RefreshAt)
            {
                // On the pool, not inline: the key lookup completes synchronously on SQLite, and BCrypt would then run
                // inside this call.
                _ = Task.Run(() => RefreshAsync(keyId, secret, fingerprint, cached), CancellationToken.None);
            }

            return cached.Caller;
        }

        var flight = Flight(keyId, secret, fingerprint, out var flightKey);
        try
        {
            return await flight.Value.WaitAsync(cancellationToken);
        }
        finally
        {
            Land(flightKey, flight);
        }
    }

    /// <summary>
    /// Verifies a cached key again in the background during the last quarter of its cache duration, while calls
    /// keep being answered from the cache: otherwise every call of a busy partner waited for BCrypt (≈130 ms) each
    /// time the entry expired, which set the p99 latency of the whole service (docs/benchmarks.md). A key that no
    /// longer verifies is forgotten at once; the bound on a revoked key is unchanged (the cache duration).
    /// </summary>
    private async Task RefreshAsync(string keyId, string secret, byte[] fingerprint, CachedKey cached)
    {
        var flight = Flight(keyId, secret, fingerprint, out var flightKey);
        try
        {
            await flight.Value;
        }
        catch (RegistryException)
        {
            _cache.TryRemove(new KeyValuePair<string, CachedKey>(keyId, cached));
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

    private Lazy<Task<Caller>> Flight(string keyId, string secret, byte[] fingerprint, out string flightKey)
    {
        flightKey = keyId + ":" + Convert.ToHexString(fingerprint);
        return _verifying.GetOrAdd(flightKey, _ => new Lazy<Task<Caller>>(() => VerifyAndCacheAsync(keyId, secret, fingerprint)));
    }

    private void Land(string flightKey, Lazy<Task<Caller>> flight)
    {
        if (flight.Value.IsCompleted)
        {
            _verifying.TryRemove(new KeyValuePair<string, Lazy<Task<Caller>>>(flightKey, flight));
        }
    }

    // Not tied to one caller's token: the verification is shared by every caller waiting on it.
    private async Task<Caller> VerifyAndCacheAsync(string keyId, string secret, byte[] fingerprint)
    {
        var caller = await LoadAndVerifyAsync(keyId, secret, CancellationToken.None);
        var duration = options.Value.CacheDuration;
        var verifiedAt = timeProvider.GetUtcNow();
        _cache[keyId] = new CachedKey(fingerprint, caller, verifiedAt + duration, verifiedAt + (duration * 3 / 4));
        return caller;
    }

    /// <summary>Forgets a key at once on this replica (others forget it within the cache duration).</summary>
    public void Evict(string keyId) => _cache.TryRemove(keyId, out _);

    /// <summary>Forgets every key of a partner on this replica (e.g. when it is suspended).</summary>
    public void EvictPartner(string partnerId)
    {
        foreach (var (keyId, entry) in _cache)
        {
            if (entry.Caller.PartnerId == partnerId)
            {
                _cache.TryRemove(keyId, out _);
            }
        }
    }

    private async Task<Caller> LoadAndVerifyAsync(string keyId, string secret, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var key = await db.ApiKeys.AsNoTracking().Include(k => k.Partner)
            .SingleOrDefaultAsync(k => k.Id == keyId, cancellationToken);
        if (key is null || !BCrypt.Net.BCrypt.Verify(secret, key.SecretHash))
        {
            throw RegistryErrors.Unauthenticated("API_KEY_INVALID", "The API key is not valid.");
        }

        if (key.RevokedAt is not null)
        {
            throw RegistryErrors.Unauthenticated("API_KEY_REVOKED", $"The API key {keyId} was revoked.");
        }

        var partner = key.Partner!;
        if (partner.IsSuspended)
        {
            throw RegistryErrors.PermissionDenied("PARTNER_SUSPENDED", $"Partner {partner.Id} is suspended; contact the registry administrators.");
        }

        return new Caller(partner.Id, key.Id, partner.Role, partner.AllowedPurposes)
        {
            Quota = partner.QuotaPermitsPerSecond is { } perSecond && partner.QuotaBurst is { } burst ? (perSecond, burst) : null,
        };
    }

    private sealed record CachedKey(byte[] Fingerprint, Caller Caller, DateTimeOffset ExpiresAt, DateTimeOffset RefreshAt);
}
