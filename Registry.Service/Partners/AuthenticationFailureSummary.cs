using System.Globalization;
using System.Text;

namespace Registry.Service.Partners;

/// <summary>
/// The failed authentications and wrong-role calls of one audit interval, counted in bounded memory: totals by reason, by
/// existing key id and by peer (at most <see cref="MaxTracked"/> of each; the rest only counted). Its
/// <see cref="ToDetail"/> names at most <see cref="MaxListed"/> of each, so an entry's size is bounded however many
/// failures there were, and holds only text the service made: fixed reasons, key ids that exist, formatted addresses.
/// </summary>
public sealed class AuthenticationFailureSummary
{
    public const int MaxTracked = 1_000;
    public const int MaxListed = 10;

    private readonly Dictionary<string, long> _reasons = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _keys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _peers = new(StringComparer.Ordinal);

    public AuthenticationFailureSummary(DateTimeOffset startedAt) => StartedAt = startedAt;

    public DateTimeOffset StartedAt { get; private set; }

    public long Total { get; private set; }

    /// <summary>Failures with no existing key id: unknown ids, malformed or missing keys, refusals before any lookup.</summary>
    public long Unattributed { get; private set; }

    private long KeysNotTracked { get; set; }

    private long PeersNotTracked { get; set; }

    public void Add(string reason, string? existingKeyId, string peer, long count = 1)
    {
        Total += count;
        Increment(_reasons, reason, count, int.MaxValue);
        if (existingKeyId is null)
        {
            Unattributed += count;
        }
        else if (!Increment(_keys, existingKeyId, count, MaxTracked))
        {
            KeysNotTracked += count;
        }

        if (!Increment(_peers, peer, count, MaxTracked))
        {
            PeersNotTracked += count;
        }
    }

    /// <summary>Adds the counts of an earlier interval whose entry could not be written.</summary>
    public void Merge(AuthenticationFailureSummary earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        StartedAt = earlier.StartedAt < StartedAt ? earlier.StartedAt : StartedAt;
        Total += earlier.Total;
        Unattributed += earlier.Unattributed;
        KeysNotTracked += earlier.KeysNotTracked;
        PeersNotTracked += earlier.PeersNotTracked;
        foreach (var (reason, n) in earlier._reasons)
        {
            Increment(_reasons, reason, n, int.MaxValue);
        }

        foreach (var (key, n) in earlier._keys)
        {
            if (!Increment(_keys, key, n, MaxTracked))
            {
                KeysNotTracked += n;
            }
        }

        foreach (var (peer, n) in earlier._peers)
        {
            if (!Increment(_peers, peer, n, MaxTracked))
            {
                PeersNotTracked += n;
            }
        }
    }

    /// <summary>
    /// <c>from=…;to=…;total=N;reasons=R:n,…;keys=id:n,…;keys_other=n;unattributed=n;peers=p:n,…;peers_other=n</c>,
    /// the lists largest first.
    /// </summary>
    public string ToDetail(DateTimeOffset endedAt)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"from={StartedAt.UtcDateTime:O};to={endedAt.UtcDateTime:O};total={Total};reasons=");
        AppendTop(text, _reasons, int.MaxValue, out _);
        text.Append(";keys=");
        AppendTop(text, _keys, MaxListed, out var keysLeft);
        text.Append(CultureInfo.InvariantCulture, $";keys_other={keysLeft + KeysNotTracked};unattributed={Unattributed};peers=");
        AppendTop(text, _peers, MaxListed, out var peersLeft);
        text.Append(CultureInfo.InvariantCulture, $";peers_other={peersLeft + PeersNotTracked}");
        return text.ToString();
    }

    private static bool Increment(Dictionary<string, long> counts, string key, long count, int max)
    {
        if (counts.TryGetValue(key, out var n))
        {
            counts[key] = n + count;
            return true;
        }

        if (counts.Count >= max)
        {
            return false;
        }

        counts[key] = count;
        return true;
    }

    private static void AppendTop(StringBuilder text, Dictionary<string, long> counts, int max, out long left)
    {
        var listed = counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Take(max).ToList();
        text.AppendJoin(',', listed.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Key}:{c.Value}")));
        left = counts.Values.Sum() - listed.Sum(c => c.Value);
    }
}
