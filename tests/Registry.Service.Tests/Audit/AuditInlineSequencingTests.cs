using Microsoft.Extensions.DependencyInjection;
using Registry.Protos.V1;
using Registry.Service.Audit;
using Registry.Service.Tests.Infrastructure;
using Registry.Service.Tests.Telemetry;

namespace Registry.Service.Tests.Audit;

/// <summary>
/// The lease holder's writer numbers each entry as it commits it; a replica without the lease writes its entries
/// unsequenced; numbered entries that no checkpoint covers yet survive a takeover and are signed by the new holder. A
/// sequencing cycle is a step of the writer's next transaction, with the entries queued beside it.
/// </summary>
public sealed class AuditInlineSequencingTests : IDisposable
{
    private readonly RegistryAppFactory _first = new();
    private readonly RegistryAppFactory _second;

    public AuditInlineSequencingTests() =>
        _second = new RegistryAppFactory().With("ConnectionStrings:Registry", $"Data Source={_first.DatabasePath}");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Append_WhileHoldingTheLease_NumbersTheEntryInItsOwnTransaction()
    {
        var log = new AuditTestLog(_first);
        var scenario = new RegistryScenario(_first);
        var key = await scenario.CreatePartnerKeyAsync();
        Assert.True((await log.SequenceAsync()).IsHolder);
        var before = await log.ScalarAsync<long>("SELECT MAX(Sequence) FROM audit_entries");

        var grant = await scenario.Consents(key).GrantConsentAsync(scenario.GrantRequest(TestKeys.NewH1()), cancellationToken: Ct);

        Assert.Equal(before + 1, await log.ScalarAsync<long>($"SELECT Sequence FROM audit_entries WHERE Id = '{grant.AuditEntryId}'"));
        Assert.Equal(32L, await log.ScalarAsync<long>($"SELECT length(LeafHash) FROM audit_entries WHERE Id = '{grant.AuditEntryId}'"));
        Assert.Equal(0L, await log.ScalarAsync<long>("SELECT COUNT(*) FROM audit_entries WHERE Sequence IS NULL"));
    }

    [Fact]
    public async Task SequenceOnce_AfterATakeover_SignsTheEntriesTheOldHolderNumberedButNeverSigned()
    {
        var firstLog = new AuditTestLog(_first);
        var secondLog = new AuditTestLog(_second);
        var scenario = new RegistryScenario(_first);
        var key = await scenario.CreatePartnerKeyAsync();
        Assert.True((await firstLog.SequenceAsync()).IsHolder);
        var signedBefore = await firstLog.ScalarAsync<long>("SELECT MAX(TreeSize) FROM audit_checkpoints");
        var numberedUnsigned = await scenario.Consents(key).GrantConsentAsync(scenario.GrantRequest(TestKeys.NewH1()), cancellationToken: Ct);
        var unsequenced = await new ConsentService.ConsentServiceClient(_second.CreateChannel(key))
            .GrantConsentAsync(scenario.GrantRequest(TestKeys.NewH1()), cancellationToken: Ct);
        Assert.Equal(1L, await firstLog.ScalarAsync<long>($"SELECT COUNT(*) FROM audit_entries WHERE Id = '{unsequenced.AuditEntryId}' AND Sequence IS NULL"));
        _second.Clock.Advance(TimeSpan.FromSeconds(11)); // the first holder stopped: its lease expires, its last entry unsigned

        var takeover = await secondLog.SequenceAsync();

        Assert.True(takeover.IsHolder);
        Assert.Null(takeover.Problem);
        Assert.Equal(signedBefore, await firstLog.ScalarAsync<long>($"SELECT Sequence FROM audit_entries WHERE Id = '{numberedUnsigned.AuditEntryId}'"));
        Assert.Equal(signedBefore + 1, await firstLog.ScalarAsync<long>($"SELECT Sequence FROM audit_entries WHERE Id = '{unsequenced.AuditEntryId}'"));
        Assert.Equal(signedBefore + 2, await firstLog.ScalarAsync<long>("SELECT MAX(TreeSize) FROM audit_checkpoints"));
        Assert.False((await firstLog.SequenceAsync()).IsHolder);
        var auditor = await firstLog.AuditorAsync(); // written by the first, unsequenced: the new holder sweeps it
        await secondLog.SequenceAsync();
        var verified = await auditor.VerifyAuditLogAsync(new VerifyAuditLogRequest(), cancellationToken: Ct);
        Assert.True(verified.Ok, verified.Message);
    }

    [Fact]
    public async Task SequenceOnce_QueuedWithAnEntryOnAFreshReplica_TakesTheLeaseSignsAndNumbersTheEntryInOneTransaction()
    {
        // No timer tick during the test: the only cycles are the ones it queues.
        using var factory = new RegistryAppFactory().With("Registry:Audit:SequencerInterval", "00:10:00");
        var log = new AuditTestLog(factory);
        var scenario = new RegistryScenario(factory);
        var key = await scenario.CreatePartnerKeyAsync(); // its entries are written unsequenced: nobody holds the lease yet

        var (cycle, grant) = await CycleAndGrantInOneBatchAsync(factory, log, scenario, key);
        var result = await cycle;
        var granted = await grant;

        Assert.True(result.IsHolder);
        Assert.Null(result.Problem);
        var signed = await log.ScalarAsync<long>("SELECT MAX(TreeSize) FROM audit_checkpoints");
        Assert.Equal(result.Frontier!.Size, signed); // everything written before the batch, the held entry included
        // The grant's entry was numbered by the writer right after the step's, on the lease the step had just taken.
        Assert.Equal(signed, await log.ScalarAsync<long>($"SELECT Sequence FROM audit_entries WHERE Id = '{granted.AuditEntryId}'"));
        Assert.Equal(0L, await log.ScalarAsync<long>("SELECT COUNT(*) FROM audit_entries WHERE Sequence IS NULL"));
        Assert.Equal(1L, await log.ScalarAsync<long>("SELECT COUNT(*) FROM audit_checkpoints"));
    }

    [Fact]
    public async Task SequenceOnce_WhenItsStepFailsInsideABatch_FailsNoEntryOfTheBatchAndTheNextCycleSignsThem()
    {
        // No timer tick during the test: the only cycles are the ones it queues.
        using var factory = new RegistryAppFactory().With("Registry:Audit:SequencerInterval", "00:10:00");
        var log = new AuditTestLog(factory);
        var scenario = new RegistryScenario(factory);
        var key = await scenario.CreatePartnerKeyAsync();
        Assert.True((await log.SequenceAsync()).IsHolder);
        var auditor = await log.AuditorAsync();
        var signedBefore = await log.ScalarAsync<long>("SELECT MAX(TreeSize) FROM audit_checkpoints");
        // The step reads and writes checkpoints: without their table it fails, in the middle of the batch's transaction.
        await log.ExecuteAsync("ALTER TABLE audit_checkpoints RENAME TO audit_checkpoints_away");

        var (cycle, grant) = await CycleAndGrantInOneBatchAsync(factory, log, scenario, key);

        await Assert.ThrowsAnyAsync<Exception>(() => cycle);
        var granted = await grant; // its entry and its consent committed all the same
        Assert.Equal(1L, await log.ScalarAsync<long>($"SELECT COUNT(*) FROM audit_entries WHERE Id = '{granted.AuditEntryId}'"));
        Assert.Equal(1L, await log.ScalarAsync<long>($"SELECT COUNT(*) FROM consents WHERE Id = '{granted.ConsentId}'"));
        Assert.Equal(0L, await log.ScalarAsync<long>("SELECT COUNT(*) FROM sqlite_master WHERE name = 'audit_checkpoints'"));

        await log.ExecuteAsync("ALTER TABLE audit_checkpoints_away RENAME TO audit_checkpoints");
        var next = await log.SequenceAsync(); // the writer forgot the log after the failure: this re-reads and checks it

        Assert.True(next.IsHolder);
        Assert.Null(next.Problem);
        Assert.True(await log.ScalarAsync<long>("SELECT MAX(TreeSize) FROM audit_checkpoints") > signedBefore);
        Assert.Equal(0L, await log.ScalarAsync<long>("SELECT COUNT(*) FROM audit_entries WHERE Sequence IS NULL"));
        var verified = await auditor.VerifyAuditLogAsync(new VerifyAuditLogRequest(), cancellationToken: Ct);
        Assert.True(verified.Ok, verified.Message);
    }

    /// <summary>
    /// Queues a sequencing cycle and then a grant while the writer is held, so that the writer takes both into one batch
    /// once released; returns them once they are queued and the writer is let go.
    /// </summary>
    private static async Task<(Task<SequencingResult> Cycle, Task<GrantConsentResponse> Grant)> CycleAndGrantInOneBatchAsync(
        RegistryAppFactory factory, AuditTestLog log, RegistryScenario scenario, string key)
    {
        using var telemetry = new TelemetryRecorder(factory);
        var (held, release) = await HoldWriterAsync(factory);
        var cycle = log.SequenceAsync();
        var grant = scenario.Consents(key).GrantConsentAsync(scenario.GrantRequest(TestKeys.NewH1()), cancellationToken: Ct).ResponseAsync;
        await Eventually.UntilAsync(() => Task.FromResult(telemetry.Observe(AuditMetrics.QueueDepthName) == 2), TimeSpan.FromSeconds(30),
            () => $"the cycle and the grant queued behind the held writer, not {telemetry.Observe(AuditMetrics.QueueDepthName)}");
        release.SetResult();
        await held;
        return (cycle, grant);
    }

    /// <summary>Makes the writer take a change that holds it until <c>Release</c> is set; <c>Held</c> is that change's entry.</summary>
    private static async Task<(Task<AuditReceipt> Held, TaskCompletionSource Release)> HoldWriterAsync(RegistryAppFactory factory)
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var health = factory.Services.GetRequiredService<AuditWriterHealth>();
        var record = new AuditRecord { Action = AuditActions.AuditResume, Actor = null, Outcome = AuditOutcomes.Ok, Detail = "holds the writer" };
        var held = factory.Services.GetRequiredService<IAuditLog>().AppendAsync(record, async (_, _) =>
        {
            await release.Task;
            return null;
        }, Ct);
        await Eventually.UntilAsync(() => Task.FromResult(health.Status.CommittingSince is not null), TimeSpan.FromSeconds(30), () => "the writer to take the holding change");
        return (held, release);
    }

    public void Dispose()
    {
        _second.Dispose();
        _first.Dispose();
    }
}
