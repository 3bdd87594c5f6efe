using Registry.Service.Audit;
using Registry.Service.Infrastructure;
using Registry.Service.Partners;

namespace Registry.Service.Enumeration;

/// <summary>
/// Carries out the enumeration watch's steps off the calls' path, in order: a throttle becomes a
/// <c>partner.throttle</c> audit entry and a warning; a suspension is stored through <see cref="PartnerAdministration"/>
/// (a <c>partner.suspend</c> entry with reason <see cref="EnumerationWatch.ThrottledReason"/>, the service as actor) and
/// raised as a critical alert. A step that fails (the audit log unavailable) is retried; until a suspension is stored
/// the watch keeps refusing the partner on this replica, so a failure only holds the partner back longer.
/// </summary>
public sealed partial class EnumerationResponder(
    EnumerationWatch watch,
    IServiceScopeFactory scopes,
    IServiceProvider services,
    EnumerationMetrics metrics,
    TimeProvider time,
    ILogger<EnumerationResponder> logger) : BackgroundService
{
    private const int MaxReasonLength = 500;
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var action in watch.Actions.ReadAllAsync(stoppingToken))
            {
                await CarryOutAsync(action, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }
    }

    private async Task CarryOutAsync(EnumerationAction action, CancellationToken stoppingToken)
    {
        var reading = action.Reading.Describe();
        metrics.Stepped(action);
        if (action.Level == WatchLevel.Suspended)
        {
            LogSuspended(logger, action.PartnerId, reading);
        }
        else
        {
            LogThrottled(logger, action.PartnerId, reading);
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (action.Level == WatchLevel.Suspended)
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var partners = scope.ServiceProvider.GetRequiredService<PartnerAdministration>();
                    var why = $"enumeration watch: {reading}";
                    await partners.SetSuspendedAsync(null, action.PartnerId, true, why.Length > MaxReasonLength ? why[..MaxReasonLength] : why,
                        stoppingToken, EnumerationWatch.ThrottledReason);
                    watch.SuspensionStored(action.PartnerId);
                }
                else
                {
                    // Resolved here, not at construction: hosted services are built before the migrations run.
                    await services.GetRequiredService<IAuditLog>().AppendAsync(new AuditRecord
                    {
                        Action = AuditActions.PartnerThrottle,
                        Actor = null,
                        Outcome = AuditOutcomes.Ok,
                        Reason = EnumerationWatch.ThrottledReason,
                        Detail = $"partner={action.PartnerId};{reading}",
                    }, null, stoppingToken);
                }

                return;
            }
            catch (RegistryException ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogStepFailed(logger, action.PartnerId, attempt, ex.Reason);
                await Task.Delay(RetryDelay, time, stoppingToken);
            }
        }
    }

    [LoggerMessage(EventId = 6101, Level = LogLevel.Warning,
        Message = "ALERT enumeration watch: partner {PartnerId} throttled ({Reading})")]
    private static partial void LogThrottled(ILogger logger, string partnerId, string reading);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Critical,
        Message = "ALERT enumeration watch: partner {PartnerId} suspended; an administrator must review and reinstate it ({Reading})")]
    private static partial void LogSuspended(ILogger logger, string partnerId, string reading);

    [LoggerMessage(EventId = 6103, Level = LogLevel.Error,
        Message = "The enumeration watch's step for partner {PartnerId} failed (attempt {Attempt}, {Reason}); retrying")]
    private static partial void LogStepFailed(ILogger logger, string partnerId, int attempt, string reason);
}
