using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Registry.Service.Identity;
using Registry.Service.Infrastructure;
using Registry.Service.Quotas;

namespace Registry.Service.Enumeration;

/// <summary>
/// Watches each partner's pattern for a sweep of the registry (spec §7, OWASP API6; docs/enumeration.md): the service
/// sees subject keys, never IINs, so it counts new subjects per minute and per hour against the partner's own history and
/// quota, the share of its checks that find a record against the registry's base rate, and checks made within seconds
/// of a grant whose evidence was captured just before. Signals add up to a score; at
/// <see cref="EnumerationOptions.ThrottleScore"/> the partner is throttled (its grants and checks refused with
/// RESOURCE_EXHAUSTED <see cref="ThrottledReason"/>), and at <see cref="EnumerationOptions.SuspendScore"/>, or when it
/// keeps calling while throttled, it is suspended. Each step is audited and alerted by
/// <see cref="EnumerationResponder"/>; an administrator reinstates a suspended partner.
/// </summary>
/// <remarks>
/// In memory, per replica: with several replicas a partner's calls are split among their watches, and each replica
/// throttles on what it saw. The hot path is one lock per call around a few counters.
/// </remarks>
public sealed partial class EnumerationWatch : IDisposable
{
    /// <summary>The reason of a call refused while its partner is throttled.</summary>
    public const string ThrottledReason = "ENUMERATION_SUSPECTED";

    /// <summary>The reason of a call refused while its partner's suspension by the watch is being stored.</summary>
    public const string SuspendedReason = "PARTNER_SUSPENDED";

    private const int BaseRatePriorWeight = 1_000;
    private static readonly TimeSpan HistoryWindow = TimeSpan.FromDays(7);
    private static readonly TimeSpan HistoryRefresh = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, PartnerWatch> _partners = new(StringComparer.Ordinal);
    private readonly Channel<EnumerationAction> _actions = Channel.CreateUnbounded<EnumerationAction>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly EnumerationOptions _options;
    private readonly QuotaOptions _quotas;
    private readonly TimeProvider _time;
    private readonly IDbContextFactory<RegistryDbContext> _contexts;
    private readonly EnumerationMetrics _metrics;
    private readonly ILogger<EnumerationWatch> _logger;
    private long _allChecks;
    private long _allFound;

    public EnumerationWatch(
        IOptions<EnumerationOptions> options,
        IOptions<QuotaOptions> quotas,
        TimeProvider time,
        IDbContextFactory<RegistryDbContext> contexts,
        EnumerationMetrics metrics,
        ILogger<EnumerationWatch> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(quotas);
        _options = options.Value;
        _quotas = quotas.Value;
        _time = time;
        _contexts = contexts;
        _metrics = metrics;
        _logger = logger;
    }

    /// <summary>The throttles and suspensions to audit and alert, in order (read by <see cref="EnumerationResponder"/>).</summary>
    internal ChannelReader<EnumerationAction> Actions => _actions.Reader;

    /// <summary>Refuses the call when its partner is throttled or being suspended; a no-op for a partner in good standing.</summary>
    public void Admit(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!_options.Enabled)
        {
            return;
        }

        var watch = Watch(caller.PartnerId);
        var now = _time.GetUtcNow();
        EnumerationReading? suspension = null;
        lock (watch)
        {
            switch (watch.Level)
            {
                case WatchLevel.Watching:
                    return;
                case WatchLevel.Suspended when watch.SuspensionStored:
                    // The stored suspension is checked by the key verifier before this: a call that reaches here again was
                    // let through by an administrator's reinstatement, so the partner starts with a clean slate.
                    watch.Reset(now);
                    LogReinstated(_logger, caller.PartnerId);
                    return;
                case WatchLevel.Suspended:
                    break;
                case WatchLevel.Throttled:
                    var reading = Read(watch, caller, now);
                    if (reading.Score < _options.ThrottleScore)
                    {
                        watch.Level = WatchLevel.Watching;
                        watch.LevelSince = now;
                        LogReleased(_logger, caller.PartnerId, reading.Describe());
                        return;
                    }

                    watch.Refusals++;
                    if (watch.Refusals >= _options.SuspendAfterRefusals)
                    {
                        suspension = reading;
                        Suspend(watch, now);
                    }

                    break;
            }

            _metrics.Refused(watch.Level);
            if (watch.Level == WatchLevel.Throttled)
            {
                throw Throttled();
            }
        }

        if (suspension is { } r)
        {
            _actions.Writer.TryWrite(new EnumerationAction(caller.PartnerId, WatchLevel.Suspended, r with { Score = Math.Max(r.Score, _options.SuspendScore) }, now));
        }

        throw RegistryErrors.PermissionDenied(SuspendedReason,
            $"Partner {caller.PartnerId} is suspended: its pattern of calls looks like a sweep of the registry. Contact the registry administrators.");
    }

    /// <summary>Counts a stored grant.</summary>
    public void ObserveGrant(Caller caller, ReadOnlySpan<byte> subjectKey, string consentId, DateTimeOffset evidenceCapturedAt, DateTimeOffset grantedAt)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!_options.Enabled)
        {
            return;
        }

        var watch = Watch(caller.PartnerId);
        lock (watch)
        {
            if (watch.RecordGrant(subjectKey, consentId, evidenceCapturedAt, grantedAt, TimeSpan.FromSeconds(_options.ScriptedSeconds)))
            {
                _metrics.NewSubject();
            }

            Escalate(watch, caller, grantedAt);
        }
    }

    /// <summary>Counts an answered check (a refused one disclosed nothing and is not counted).</summary>
    public void ObserveCheck(Caller caller, string consentId, bool recordFound)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!_options.Enabled)
        {
            return;
        }

        Interlocked.Increment(ref _allChecks);
        if (recordFound)
        {
            Interlocked.Increment(ref _allFound);
        }

        var now = _time.GetUtcNow();
        var watch = Watch(caller.PartnerId);
        lock (watch)
        {
            watch.RecordCheck(consentId, recordFound, now, TimeSpan.FromSeconds(_options.ScriptedSeconds));
            Escalate(watch, caller, now);
        }
    }

    /// <summary>Where a partner stands on this replica (for tests and diagnostics).</summary>
    public WatchLevel LevelOf(string partnerId)
    {
        if (!_partners.TryGetValue(partnerId, out var watch))
        {
            return WatchLevel.Watching;
        }

        lock (watch)
        {
            return watch.Level;
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
        _actions.Writer.TryComplete();
    }

    /// <summary>Called by the responder once the suspension is stored (audited): from then on the key verifier refuses the partner.</summary>
    internal void SuspensionStored(string partnerId)
    {
        if (_partners.TryGetValue(partnerId, out var watch))
        {
            lock (watch)
            {
                if (watch.Level == WatchLevel.Suspended)
                {
                    watch.SuspensionStored = true;
                }
            }
        }
    }

    private RegistryException Throttled()
    {
        var retry = _options.ThrottleRetry;
        return RegistryErrors.ResourceExhausted(ThrottledReason, string.Create(CultureInfo.InvariantCulture,
            $"This partner's calls look like a sweep of the registry, so they are held back; retry in {Math.Ceiling(retry.TotalSeconds)} s. The registry administrators have been alerted."),
            retry);
    }

    private PartnerWatch Watch(string partnerId) => _partners.GetOrAdd(partnerId, static _ => new PartnerWatch());

    private void Escalate(PartnerWatch watch, Caller caller, DateTimeOffset now)
    {
        if (watch.Level == WatchLevel.Suspended)
        {
            return;
        }

        var reading = Read(watch, caller, now);
        if (reading.Score >= _options.SuspendScore)
        {
            Suspend(watch, now);
            _actions.Writer.TryWrite(new EnumerationAction(caller.PartnerId, WatchLevel.Suspended, reading, now));
        }
        else if (reading.Score >= _options.ThrottleScore && watch.Level == WatchLevel.Watching)
        {
            watch.Level = WatchLevel.Throttled;
            watch.LevelSince = now;
            watch.Refusals = 0;
            _actions.Writer.TryWrite(new EnumerationAction(caller.PartnerId, WatchLevel.Throttled, reading, now));
        }
    }

    private static void Suspend(PartnerWatch watch, DateTimeOffset now)
    {
        watch.Level = WatchLevel.Suspended;
        watch.LevelSince = now;
        watch.SuspensionStored = false;
    }

    private EnumerationReading Read(PartnerWatch watch, Caller caller, DateTimeOffset now)
    {
        RefreshHistory(watch, caller.PartnerId, now);
        var (lastMinute, lastHour, checks, found, scripted) = watch.Totals(now);

        // A partner whose administrator raised its quota is expected to bring proportionally more subjects.
        var scale = caller.Quota is { PermitsPerSecond: var perSecond } ? Math.Max(1.0, (double)perSecond / _quotas.PermitsPerSecond) : 1.0;
        var hourAllowance = Clamp(Math.Max(_options.NewSubjectsPerHour, _options.HistoryFactor * (watch.HistoryPerHour ?? 0)) * scale);
        var minuteAllowance = Clamp(Math.Max(_options.NewSubjectsPerMinute * scale, hourAllowance / 60.0 * _options.BurstFactor));

        var otherChecks = Interlocked.Read(ref _allChecks) - watch.LifetimeChecks;
        var otherFound = Interlocked.Read(ref _allFound) - watch.LifetimeFound;
        var baseRate = (Math.Max(0, otherFound) + (_options.BaseHitRate * BaseRatePriorWeight)) / (Math.Max(0, otherChecks) + BaseRatePriorWeight);

        var signals = EnumerationSignal.None;
        var score = 0;
        if (lastMinute > minuteAllowance)
        {
            signals |= EnumerationSignal.Burst;
            score += 2;
        }

        if (lastHour > hourAllowance)
        {
            signals |= EnumerationSignal.Volume;
            score += 2;
        }

        if (checks >= _options.MinChecksForHitRate)
        {
            var rate = (double)found / checks;
            var standardError = Math.Sqrt(baseRate * (1 - baseRate) / checks);
            if (rate >= _options.HitRateFactor * baseRate && rate - baseRate >= 4 * standardError)
            {
                signals |= EnumerationSignal.HitRate;
                score += 2;
            }

            if ((double)scripted / checks >= _options.ScriptedShare)
            {
                signals |= EnumerationSignal.Scripted;
                score += 1;
            }
        }

        return new EnumerationReading(signals, score, lastMinute, minuteAllowance, lastHour, hourAllowance, checks, found, baseRate, scripted);
    }

    private static int Clamp(double value) => (int)Math.Min(int.MaxValue, Math.Ceiling(value));

    // The partner's history is its grants of the last seven days, read from the database once an hour, off the call's path.
    // Until it is read the floors apply, which is only stricter.
    private void RefreshHistory(PartnerWatch watch, string partnerId, DateTimeOffset now)
    {
        if (watch.HistoryReading || now - watch.HistoryReadAt < HistoryRefresh)
        {
            return;
        }

        watch.HistoryReading = true;
        _ = ReadHistoryAsync(watch, partnerId, now);
    }

    private async Task ReadHistoryAsync(PartnerWatch watch, string partnerId, DateTimeOffset now)
    {
        double? perHour = null;
        try
        {
            await Task.Yield();
            var since = (now - HistoryWindow).UtcDateTime;
            await using var db = await _contexts.CreateDbContextAsync(_stopping.Token);
            var grants = await db.Consents.AsNoTracking().CountAsync(c => c.PartnerId == partnerId && c.GrantedAt >= since, _stopping.Token);
            perHour = grants / HistoryWindow.TotalHours;
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex) when (ex is InvalidOperationException or DbUpdateException or System.Data.Common.DbException)
        {
            LogHistoryFailed(_logger, partnerId, ex);
        }

        lock (watch)
        {
            watch.HistoryPerHour = perHour ?? watch.HistoryPerHour;
            watch.HistoryReadAt = perHour is null ? now - HistoryRefresh + TimeSpan.FromMinutes(1) : now; // after a failure, again in a minute
            watch.HistoryReading = false;
        }
    }

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Partner {PartnerId} is no longer throttled by the enumeration watch ({Reading})")]
    private static partial void LogReleased(ILogger logger, string partnerId, string reading);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "Partner {PartnerId} was reinstated after a suspension by the enumeration watch; its recent pattern is forgotten")]
    private static partial void LogReinstated(ILogger logger, string partnerId);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Warning, Message = "The enumeration watch could not read partner {PartnerId}'s history; its floors apply")]
    private static partial void LogHistoryFailed(ILogger logger, string partnerId, Exception exception);
}

/// <summary>A step of the watch to audit and alert: a partner throttled or suspended, with what the watch saw.</summary>
internal sealed record EnumerationAction(string PartnerId, WatchLevel Level, EnumerationReading Reading, DateTimeOffset At);
