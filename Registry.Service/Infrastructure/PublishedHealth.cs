using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Registry.Service.Infrastructure;

/// <summary>
/// The last published health status, which <c>/healthz</c> answers from: like grpc.health.v1, it never runs the
/// checks per request (a request makes no database access).
/// </summary>
public sealed class PublishedHealth : IHealthCheckPublisher
{
    private volatile HealthStatusBox? _last;

    /// <summary>Null until the first report (<see cref="InitialHealthReport"/>, before the server accepts calls).</summary>
    public HealthStatus? Status => _last?.Status;

    public Task PublishAsync(HealthReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        _last = new HealthStatusBox(report.Status);
        return Task.CompletedTask;
    }

    private sealed record HealthStatusBox(HealthStatus Status);
}
