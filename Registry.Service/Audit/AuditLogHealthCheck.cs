using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Registry.Service.Infrastructure;

namespace Registry.Service.Audit;

/// <summary>
/// Unhealthy while the audit log cannot be written: the writer's last batch failed, or its current batch has been
/// committing for longer than <see cref="HealthOptions.AuditCommitTimeout"/>. Every call that is audited fails closed
/// then, so the service must not be reported SERVING.
/// </summary>
/// <remarks>
/// Recovery needs a write that succeeds, and a replica taken out of rotation may get no calls at all: so while the
/// last batch failed and the writer is idle, each run of this check (every <see cref="HealthOptions.RefreshPeriod"/>)
/// appends one <c>audit.resume</c> entry of the service's own through the writer. While the fault lasts it fails
/// like any other entry and nothing is written; the first that commits marks in the log where the outage ended.
/// </remarks>
internal sealed class AuditLogHealthCheck(
    AuditWriterHealth writer, IAuditLog auditLog, IOptions<HealthOptions> options, TimeProvider timeProvider) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
    {
        var timeout = options.Value.AuditCommitTimeout;
        var status = writer.Status;
        if (status.CommittingSince is { } since && timeProvider.GetUtcNow() - since > timeout)
        {
            return HealthCheckResult.Unhealthy(
                $"An audit batch has been committing for more than {timeout.TotalSeconds:0.#} s.");
        }

        if (!status.IsFailing)
        {
            return HealthCheckResult.Healthy();
        }

        if (status.CommittingSince is null && await ProbeAsync(status, timeout, cancellationToken))
        {
            return HealthCheckResult.Healthy("The audit log is writable again.");
        }

        return HealthCheckResult.Unhealthy(
            $"The audit log cannot be written: {status.FailedBatches} batches failed in a row ({status.LastCause}).");
    }

    private async Task<bool> ProbeAsync(AuditWriterStatus status, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(timeout);
        var record = new AuditRecord
        {
            Action = AuditActions.AuditResume,
            Actor = null,
            Outcome = AuditOutcomes.Ok,
            Detail = string.Create(CultureInfo.InvariantCulture,
                $"failed_batches={status.FailedBatches};failing_since={status.FailingSince?.UtcDateTime:yyyy-MM-ddTHH:mm:ss.ffffffZ}"),
        };
        try
        {
            await auditLog.AppendAsync(record, null, wait.Token);
            return true;
        }
        catch (RegistryException)
        {
            return false; // AUDIT_UNAVAILABLE: still failing
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false; // queued behind a slow writer; the entry is still written once the writer gets to it
        }
    }
}
