namespace Registry.Service.Identity;

/// <summary>Loads the subject key at start-up, so a missing or bad key stops the host instead of failing the first call.</summary>
public sealed class SubjectKeyRingStartupCheck(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<SubjectKeyRing>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
