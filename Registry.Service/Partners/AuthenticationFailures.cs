namespace Registry.Service.Partners;

/// <summary>
/// Counts every failed authentication and wrong-role call: in the metrics at once, and in the current interval's
/// <see cref="AuthenticationFailureSummary"/>, which <see cref="AuthenticationFailureAuditor"/> writes to the audit log as
/// one entry per interval. Recording is a few dictionary updates under a lock: cheap enough for a flood.
/// </summary>
public sealed class AuthenticationFailures(AuthenticationMetrics metrics, TimeProvider timeProvider)
{
    private readonly Lock _lock = new();
    private AuthenticationFailureSummary _current = new(timeProvider.GetUtcNow());

    public void Record(ApiKeyRefusal refusal, string peer)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        metrics.Failure(refusal.Tag);
        lock (_lock)
        {
            _current.Add(refusal.Tag, refusal.KeyId, peer);
        }
    }

    /// <summary>Hands over the interval's summary and starts the next one.</summary>
    public AuthenticationFailureSummary TakeSummary()
    {
        var next = new AuthenticationFailureSummary(timeProvider.GetUtcNow());
        lock (_lock)
        {
            var taken = _current;
            _current = next;
            return taken;
        }
    }

    /// <summary>Puts back a summary whose entry could not be written; its counts go into the next entry.</summary>
    public void Restore(AuthenticationFailureSummary summary)
    {
        lock (_lock)
        {
            _current.Merge(summary);
        }
    }
}
