using Registry.Protos.V1;
using Registry.Service.Tests.Infrastructure;

namespace Registry.Service.Tests.Audit;

/// <summary>Two service instances on one SQLite file: one sequencer at a time, one verifiable log.</summary>
public sealed class AuditSequencerTests : IDisposable
{
    private readonly RegistryAppFactory _first = new();
    private readonly RegistryAppFactory _second;

    public AuditSequencerTests() =>
        _second = new RegistryAppFactory().With("ConnectionStrings:Registry", $"Data Source={_first.DatabasePath}");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SequenceOnce_HolderStops_OtherInstanceTakesOverAfterExpiryAndTheLogVerifies()
    {
        var scenario = new RegistryScenario(_first);
        var key = await scenario.CreatePartnerKeyAsync();
        var firstLog = new AuditTestLog(_first);
        var secondLog = new AuditTestLog(_second);
        Assert.True((await firstLog.SequenceAsync()).IsHolder);
        Assert.False((await secondLog.SequenceAsync()).IsHolder);
        var h1 = TestKeys.NewH1();
        var consent = await new ConsentService.ConsentServiceClient(_second.CreateChannel(key))
            .GrantConsentAsync(scenario.GrantRequest(h1), cancellationToken: Ct);
        _second.Clock.Advance(TimeSpan.FromSeconds(11)); // the first instance stopped renewing: its lease expires

        var takeover = await secondLog.SequenceAsync();

        Assert.True(takeover.IsHolder);
        Assert.Null(takeover.Problem);
        Assert.False((await firstLog.SequenceAsync()).IsHolder);
        Assert.Equal(0L, await firstLog.ScalarAsync<long>("SELECT COUNT(*) FROM audit_entries WHERE Sequence IS NULL AND Action <> 'partner.create'"));
        Assert.Equal(1L, await firstLog.ScalarAsync<long>($"SELECT COUNT(*) FROM audit_entries WHERE Id = '{consent.AuditEntryId}' AND Sequence IS NOT NULL"));
        var auditor = await firstLog.AuditorAsync(); // same database: either instance serves the one log
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
