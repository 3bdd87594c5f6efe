using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Internal;
using Microsoft.Extensions.Options;

namespace Registry.Service.Consent;

/// <summary>
/// The consents this replica read for its checks, so that a check on a consent already seen costs no consent read. A
/// hint, never the authority: only the fields no statement ever changes (partner, subject, purpose, scope, expiry,
/// max uses) decide a check from here alone. What changes — revoked, used up, the last request id — is re-decided by
/// the use's conditional UPDATE inside the audit transaction (<see cref="ConsentUseCommand"/>), so a revocation or a
/// use committed by any replica still holds for every check that starts after it.
/// </summary>
/// <remarks>
/// Bounded by <see cref="ConsentOptions.CacheSize"/> entries (0 turns it off); an entry leaves at the consent's expiry
/// (by <see cref="TimeProvider"/>), when the oldest-used entries are compacted out, or when a check finds it stale.
/// Nothing absent is remembered: a consent id that does not exist is read every time.
/// </remarks>
public sealed class ConsentCache : IDisposable
{
    private readonly MemoryCache? _cache;

    public ConsentCache(IOptions<ConsentOptions> options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var size = options.Value.CacheSize;
        _cache = size == 0 ? null : new MemoryCache(new MemoryCacheOptions { SizeLimit = size, Clock = new Clock(timeProvider) });
    }

    public bool TryGet(string consentId, out ConsentState? consent)
    {
        consent = null;
        return _cache is not null && _cache.TryGetValue(consentId, out consent);
    }

    /// <summary>Remembers <paramref name="consent"/> as read, until its expiry; a revoked one is forgotten instead.</summary>
    public void Set(ConsentState consent)
    {
        ArgumentNullException.ThrowIfNull(consent);
        if (_cache is null)
        {
            return;
        }

        if (consent.RevokedAt is not null)
        {
            _cache.Remove(consent.Id);
            return;
        }

        using var entry = _cache.CreateEntry(consent.Id);
        entry.Value = consent;
        entry.Size = 1;
        entry.AbsoluteExpiration = new DateTimeOffset(consent.ExpiresAt, TimeSpan.Zero);
    }

    /// <summary>Records a use this replica counted, so that the next check sees its count and request id.</summary>
    public void Used(ConsentState consent, int usesAfter, string? requestId, byte[]? answerDigest, string auditEntryId)
    {
        ArgumentNullException.ThrowIfNull(consent);
        if (_cache is not null && _cache.TryGetValue(consent.Id, out ConsentState? cached) && cached is not null)
        {
            Set(cached with
            {
                Uses = Math.Max(cached.Uses, usesAfter),
                LastRequestId = requestId,
                LastAnswerDigest = answerDigest,
                LastAuditEntryId = auditEntryId,
            });
        }
    }

    public void Evict(string consentId) => _cache?.Remove(consentId);

    public void Dispose() => _cache?.Dispose();

    private sealed class Clock(TimeProvider timeProvider) : ISystemClock
    {
        public DateTimeOffset UtcNow => timeProvider.GetUtcNow();
    }
}
