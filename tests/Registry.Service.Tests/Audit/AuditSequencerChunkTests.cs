using Registry.Protos.V1;
using Registry.Service.Tests.Infrastructure;

namespace Registry.Service.Tests.Audit;

/// <summary>
/// The sequencer numbers a backlog in transactions of at most <c>SequencerBatchSize</c> entries, each ending in a
/// signed checkpoint, and one cycle drains the whole backlog into one verifiable log.
/// </summary>
public sealed class AuditSequencerChunkTests : IDisposable
{
    private readonly RegistryAppFactory _factory = new RegistryAppFactory().With("Registry:Audit:SequencerBatchSize", "3");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SequenceOnce_BacklogLargerThanTheBatchSize_SequencesAllInSeveralCheckpointedTransactions()
    {
        var scenario = new RegistryScenario(_factory);
        var log = new AuditTestLog(_factory);
        var key = await scenario.CreatePartnerKeyAsync();
        for (var i = 0; i < 8; i++)
        {
            await scenario.GrantAsync(key, TestKeys.NewH1());
        }

        var pending = await log.ScalarAsync<long>("SELECT COUNT(*) FROM audit_entries WHERE Sequence IS NULL");
        var checkpointsBefore = await log.ScalarAsync<long>("SELECT COUNT(*) FROM audit_checkpoints");
        Assert.True(pending > 6, $"only {pending} pending entries");

        var result = await log.SequenceAsync();

        Assert.Null(result.Problem);
        Assert.Equal(pending, result.Sequenced);
        Assert.Equal(0L, await log.ScalarAsync<long>("SELECT COUNT(*) FROM audit_entries WHERE Sequence IS NULL"));
        Assert.Equal(checkpointsBefore + ((pending + 2) / 3), await log.ScalarAsync<long>("SELECT COUNT(*) FROM audit_checkpoints"));
        Assert.Equal(3L, await log.ScalarAsync<long>("SELECT MIN(TreeSize) FROM audit_checkpoints WHERE TreeSize > 0"));
        var auditor = await log.AuditorAsync();
        await log.SequenceAsync(); // the auditor's own creation is sequenced too
        var verified = await auditor.VerifyAuditLogAsync(new VerifyAuditLogRequest(), cancellationToken: Ct);
        Assert.True(verified.Ok, verified.Message);
    }

    public void Dispose() => _factory.Dispose();
}
