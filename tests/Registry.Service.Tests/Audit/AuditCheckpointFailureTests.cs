using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Registry.Service.Audit;
using Registry.Service.Infrastructure;
using Registry.Service.Tests.Infrastructure;

namespace Registry.Service.Tests.Audit;

/// <summary>
/// The WAL checkpoint at the end of a sequencing cycle runs after the cycle's numbering and signature are committed: when it
/// fails, that is logged as a failed checkpoint, and the cycle is not reported (or counted) as failed.
/// </summary>
public sealed class AuditCheckpointFailureTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SequenceOnce_WhenTheWalCheckpointFails_ReturnsTheSignedCycleAndLogsTheCheckpointFailure()
    {
        // No timer tick during the test: the only cycle is the one it runs.
        using var factory = new RegistryAppFactory().With("Registry:Audit:SequencerInterval", "00:10:00");
        await new RegistryScenario(factory).CreatePartnerKeyAsync(); // the writer is up; its entries wait unsequenced
        var services = factory.Services;
        using var logs = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        // The sequencer opens a connection of its own only for the checkpoint; make that one fail.
        var sequencer = new AuditSequencer(
            new FailingContextFactory(), services.GetRequiredService<GroupCommitAuditLog>(), services.GetRequiredService<IOptions<AuditOptions>>(),
            factory.Clock, loggerFactory.CreateLogger<AuditSequencer>(), services.GetRequiredService<AuditMetrics>());

        var result = await sequencer.SequenceOnceAsync(Ct);

        Assert.True(result.IsHolder);
        Assert.Null(result.Problem);
        Assert.True(result.Frontier!.Size > 0);
        Assert.Contains(logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("WAL checkpoint failed (IOException)", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Contains("sequencing cycle failed", StringComparison.Ordinal));
    }

    private sealed class FailingContextFactory : IDbContextFactory<RegistryDbContext>
    {
        public RegistryDbContext CreateDbContext() => throw new IOException("disk I/O error (test)");
    }
}
