using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Registry.Service.Partners;

/// <summary>
/// Bounds the BCrypt work (System.Threading.RateLimiting's concurrency limiter, which has no clock). Two lanes of
/// <see cref="ApiKeyOptions.MaxConcurrentVerifications"/> each: one for keys this replica verified before (re-verifying a
/// cached key when it expires; only a holder of the secret gets there, so a flood never reaches it), one for everything
/// else with a short queue (<see cref="ApiKeyOptions.VerificationQueueLimit"/>), beyond which an attempt is refused at once.
/// A cached key never passes here at all.
/// </summary>
public sealed class ApiKeyVerificationGate : IDisposable
{
    // The known lane holds at most one verification per key (they are shared per key and secret), so it needs no refusals.
    private const int KnownQueueLimit = 100_000;

    private readonly ConcurrencyLimiter _known;
    private readonly ConcurrencyLimiter _unproven;

    public ApiKeyVerificationGate(IOptions<ApiKeyOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var width = options.Value.MaxConcurrentVerifications;
        _known = Create(width, KnownQueueLimit);
        _unproven = Create(width, options.Value.VerificationQueueLimit);
    }

    /// <summary>A lease to verify one key; not acquired when the unproven lane's queue is full.</summary>
    public ValueTask<RateLimitLease> EnterAsync(bool known) => (known ? _known : _unproven).AcquireAsync(1, CancellationToken.None);

    public void Dispose()
    {
        _known.Dispose();
        _unproven.Dispose();
    }

    private static ConcurrencyLimiter Create(int width, int queue) => new(new ConcurrencyLimiterOptions
    {
        PermitLimit = width,
        QueueLimit = queue,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });
}
