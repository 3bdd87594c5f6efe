using Registry.Protos.V1;
using Registry.Service.Tests.Infrastructure;

namespace Registry.Service.Tests.Audit;

/// <summary>
/// The lease holder's writer numbers each entry as it commits it; a replica without the lease writes its entries
/// unsequenced; numbered entries that no checkpoint covers yet survive a takeover and are signed by the new holder.
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

    public void Dispose()
    {
        _second.Dispose();
        _first.Dispose();
    }
}
