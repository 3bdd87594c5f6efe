using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Registry.Service.Infrastructure;

/// <summary>
/// Runs the health checks once at start-up and publishes the report, so that Health/Check answers from the first
/// call on (served from published results, every name is NOT_FOUND until something is published). Hosted services
/// start before the server, in registration order: registered after the migrator, this sees the migrated database.
/// </summary>
public sealed class InitialHealthReport(
    HealthCheckService healthChecks, IEnumerable<IHealthCheckPublisher> publishers, IOptions<HealthCheckPublisherOptions> options)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var report = await healthChecks.CheckHealthAsync(options.Value.Predicate ?? (_ => true), cancellationToken);
        foreach (var publisher in publishers)
        {
            await publisher.PublishAsync(report, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
