using Microsoft.Extensions.DependencyInjection;
using Registry.Service.Audit;
using Registry.Service.Tests.Audit;
using Registry.Service.Tests.Infrastructure;

namespace Registry.Service.Tests.Telemetry;

/// <summary>
/// The audit writer's queue depth and batch sizes, and the sequencer's lease, pending entries and lag, as the real service
/// records them. Each test has a host of its own: the writer's batches and the sequencer's state are the host's.
/// </summary>
public sealed class AuditTelemetryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Commit_WhileTheWriterIsHeld_GaugesTheQueueAndRecordsEachBatchSize()
    {
        using var factory = new RegistryAppFactory();
        var scenario = new RegistryScenario(factory);
        var key = await scenario.CreatePartnerKeyAsync();
        var h1 = TestKeys.NewH1();
        var consentId = await scenario.GrantAsync(key, h1, maxUses: 10);
        var checks = scenario.Checks(key);
        var log = factory.Services.GetRequiredService<IAuditLog>();
        var health = factory.Services.GetRequiredService<AuditWriterHealth>();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var sut = new TelemetryRecorder(factory);

        // The writer takes a change that holds it until released (as a slow change would); the three checks queue behind
        // it and are committed together once it is done.
        var record = new AuditRecord { Action = AuditActions.AuditResume, Actor = null, Outcome = AuditOutcomes.Ok, Detail = "holds the writer" };
        var first = log.AppendAsync(record, async (_, _) =>
        {
            await release.Task;
            return null;
        }, Ct);
        await Eventually.UntilAsync(() => Task.FromResult(health.Status.CommittingSince is not null), TimeSpan.FromSeconds(30), () => "the writer to take the change");
        var queued = Enumerable.Range(0, 3).Select(_ => checks.CheckAsync(RegistryScenario.CheckRequest(consentId, h1), cancellationToken: Ct).ResponseAsync).ToList();
        await Eventually.UntilAsync(() => Task.FromResult(sut.Observe(AuditMetrics.QueueDepthName) == 3), TimeSpan.FromSeconds(30),
            () => $"a queue depth of 3, not {sut.Observe(AuditMetrics.QueueDepthName)}");
        release.SetResult();
        await first;
        await Task.WhenAll(queued);

        Assert.Equal([1.0, 3.0], sut.Of(AuditMetrics.BatchSizeName, ("outcome", "committed")).Select(m => m.Value));
        Assert.Equal(2, sut.Of(AuditMetrics.BatchDurationName, ("outcome", "committed")).Count);
        Assert.Equal(0, sut.Observe(AuditMetrics.QueueDepthName));
    }

    [Fact]
    public async Task SequenceOnce_AfterEntriesWaited_GaugesTheLeaseThePendingEntriesAndTheirLag()
    {
        // No timer tick during the test: the only cycles are the ones it runs.
        using var factory = new RegistryAppFactory().With("Registry:Audit:SequencerInterval", "00:10:00");
        var scenario = new RegistryScenario(factory);
        var key = await scenario.CreatePartnerKeyAsync();
        await scenario.GrantAsync(key, TestKeys.NewH1());
        factory.Clock.Advance(TimeSpan.FromSeconds(30));
        using var sut = new TelemetryRecorder(factory);
        var log = new AuditTestLog(factory);
        var before = sut.Observe(AuditMetrics.LeaseHeldName);

        var result = await log.SequenceAsync();

        Assert.Equal(0, before);
        Assert.True(result.IsHolder);
        Assert.True(result.Sequenced >= 3, $"bootstrap, partner and grant entries were pending, sequenced {result.Sequenced}");
        Assert.Equal(1, sut.Observe(AuditMetrics.LeaseHeldName));
        Assert.Equal(result.Sequenced, sut.Observe(AuditMetrics.PendingName));
        Assert.Equal(30, sut.Observe(AuditMetrics.LagName)); // every entry was written at the fake clock's start, 30 s before
        Assert.Equal(1, sut.Sum(AuditMetrics.CyclesName, ("result", "held")));
    }
}
