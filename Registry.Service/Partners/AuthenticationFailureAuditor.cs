using Microsoft.Extensions.Options;
using Registry.Service.Audit;
using Registry.Service.Infrastructure;

namespace Registry.Service.Partners;

/// <summary>
/// Writes one <c>auth.failures</c> audit entry per <see cref="ApiKeyOptions.FailureAuditInterval"/> that had failures
/// (nothing otherwise), and the last one at shutdown. A flood of bad keys therefore adds one bounded entry per interval,
/// not one per call. When the entry cannot be written, its counts are carried into the next one.
/// </summary>
public sealed partial class AuthenticationFailureAuditor(
    AuthenticationFailures failures,
    IAuditLog auditLog,
    TimeProvider timeProvider,
    IOptions<ApiKeyOptions> options,
    ILogger<AuthenticationFailureAuditor> logger) : BackgroundService
{
    /// <summary>The entry's reason.</summary>
    public const string Reason = "AUTH_FAILURES";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.FailureAuditInterval, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the last interval is written by StopAsync.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await FlushAsync(cancellationToken);
    }

    /// <summary>Writes the interval's entry now, if it had failures.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var summary = failures.TakeSummary();
        if (summary.Total == 0)
        {
            return;
        }

        var record = new AuditRecord
        {
            Action = AuditActions.AuthFailures,
            Actor = null,
            Outcome = AuditOutcomes.Refused,
            Reason = Reason,
            Detail = summary.ToDetail(timeProvider.GetUtcNow()),
        };
        try
        {
            await auditLog.AppendAsync(record, null, cancellationToken);
            LogFailures(logger, summary.Total, summary.Unattributed);
        }
        catch (Exception ex) when (ex is RegistryException or OperationCanceledException)
        {
            failures.Restore(summary);
            LogNotRecorded(logger, summary.Total);
        }
    }

    [LoggerMessage(EventId = 1210, EventName = nameof(LogFailures), Level = LogLevel.Warning,
        Message = "{Total} calls were refused by authentication or a role policy in the last interval ({Unattributed} without an existing key id); see the auth.failures audit entry")]
    private static partial void LogFailures(ILogger logger, long total, long unattributed);

    [LoggerMessage(EventId = 1211, EventName = nameof(LogNotRecorded), Level = LogLevel.Warning,
        Message = "The auth.failures audit entry for {Total} refused calls could not be written; its counts are carried into the next one")]
    private static partial void LogNotRecorded(ILogger logger, long total);
}
