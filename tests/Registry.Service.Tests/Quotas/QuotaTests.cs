using Google.Rpc;
using Grpc.Core;
using Registry.Protos.V1;
using Registry.Service.Tests.Infrastructure;

namespace Registry.Service.Tests.Quotas;

/// <summary>
/// A partner over its quota (a bucket of 100 permits refilled at 1 a second here) is refused with RESOURCE_EXHAUSTED,
/// reason QUOTA_EXCEEDED and a RetryInfo delay, before anything is read or audited; another partner is unaffected; a
/// CheckBatch spends one permit per item.
/// </summary>
public sealed class QuotaTests : IAsyncLifetime
{
    private readonly RegistryAppFactory _factory = new RegistryAppFactory()
        .With("Registry:Quotas:PermitsPerSecond", "1")
        .With("Registry:Quotas:Burst", "100");

    private RegistryScenario Scenario => new(_factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Check_OverTheQuota_IsResourceExhaustedWithRetryInfoAndOtherPartnersAreUnaffected()
    {
        var sweeper = await Scenario.CreatePartnerKeyAsync();
        var other = await Scenario.CreatePartnerKeyAsync();
        var h1 = TestKeys.NewH1();
        // Two consents of 100 uses (2 permits): however slowly the checks run, the bucket (100, refilled at 1 a second) runs out
        // before the consents' uses do.
        var consentIds = new[] { await Scenario.GrantAsync(sweeper, h1, maxUses: 100), await Scenario.GrantAsync(sweeper, h1, maxUses: 100) };
        var checks = Scenario.Checks(sweeper);
        var auditBefore = await AuditCountAsync();

        RpcException? refused = null;
        var answered = 0;
        var started = TimeProvider.System.GetTimestamp();
        for (var i = 0; i < 200 && refused is null; i++)
        {
            try
            {
                await checks.CheckAsync(RegistryScenario.CheckRequest(consentIds[i % 2], h1), cancellationToken: Ct);
                answered++;
            }
            catch (RpcException ex)
            {
                refused = ex;
            }
        }

        var elapsed = TimeProvider.System.GetElapsedTime(started);
        Assert.NotNull(refused);
        // The bucket's 98 permits left plus what refilled meanwhile (1 a second, and the refill tick's rounding).
        Assert.InRange(answered, 98, 98 + (int)Math.Ceiling(elapsed.TotalSeconds) + 2);
        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        Assert.Equal("QUOTA_EXCEEDED", RpcAssert.Reason(refused));
        var retry = refused.GetRpcStatus()!.GetDetail<RetryInfo>();
        Assert.NotNull(retry);
        Assert.InRange(retry.RetryDelay.ToTimeSpan(), TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(2));
        Assert.Equal(auditBefore + answered, await AuditCountAsync()); // the refused call read and recorded nothing

        var otherConsent = await Scenario.GrantAsync(other, h1);
        var answer = await Scenario.Checks(other).CheckAsync(RegistryScenario.CheckRequest(otherConsent, h1), cancellationToken: Ct);
        Assert.Equal(CheckOutcome.NoRecord, answer.Outcome);
    }

    [Fact]
    public async Task CheckBatch_SpendsOnePermitPerItem()
    {
        var key = await Scenario.CreatePartnerKeyAsync();
        var h1 = TestKeys.NewH1();
        var consentId = await Scenario.GrantAsync(key, h1, maxUses: 100); // 1 permit: 99 left
        var checks = Scenario.Checks(key);
        var batch = new CheckBatchRequest();
        batch.Items.Add(Enumerable.Range(0, 60).Select(_ => RegistryScenario.CheckRequest(consentId, h1)));

        await checks.CheckBatchAsync(batch, cancellationToken: Ct); // 60 permits: 39 (+ refill) left

        var ex = await RpcAssert.FailsAsync(StatusCode.ResourceExhausted, "QUOTA_EXCEEDED",
            async () => await checks.CheckBatchAsync(batch, cancellationToken: Ct));
        Assert.Contains("quota", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetPartnerQuota_RaisesOnePartnersQuotaAuditedAndBackToTheDefault()
    {
        var (partnerId, key) = await Scenario.CreatePartnerAsync(Role.Partner, Purpose.DatingSafety);
        var h1 = TestKeys.NewH1();
        var consentId = await Scenario.GrantAsync(key, h1, maxUses: 100);
        var checks = Scenario.Checks(key);
        var batch = new CheckBatchRequest();
        batch.Items.Add(Enumerable.Range(0, 90).Select(_ => RegistryScenario.CheckRequest(consentId, h1)));

        var raised = await Scenario.Admin.SetPartnerQuotaAsync(
            new SetPartnerQuotaRequest { PartnerId = partnerId, PermitsPerSecond = 1, Burst = 1000, Reason = "pilot" }, cancellationToken: Ct);
        await checks.CheckBatchAsync(batch, cancellationToken: Ct);
        await checks.CheckBatchAsync(batch, cancellationToken: Ct); // 180 permits: over the default bucket of 100, within 1,000

        Assert.Equal((1, 1000), (raised.Partner.QuotaPermitsPerSecond, raised.Partner.QuotaBurst));
        Assert.Equal("partner.quota", await new Audit.AuditTestLog(_factory).ScalarAsync<string>(
            $"SELECT Action FROM audit_entries WHERE Id = '{raised.AuditEntryId}'"));

        var reset = await Scenario.Admin.SetPartnerQuotaAsync(
            new SetPartnerQuotaRequest { PartnerId = partnerId, Reason = "pilot over" }, cancellationToken: Ct);
        Assert.Equal((0, 0), (reset.Partner.QuotaPermitsPerSecond, reset.Partner.QuotaBurst));
        await checks.CheckBatchAsync(batch, cancellationToken: Ct); // the default bucket of 100 still holds 99 (one went on the grant)
        await RpcAssert.FailsAsync(StatusCode.ResourceExhausted, "QUOTA_EXCEEDED",
            async () => await checks.CheckBatchAsync(batch, cancellationToken: Ct)); // but not 90 more
    }

    [Theory]
    [InlineData(0, 500)]
    [InlineData(5, 99)]
    [InlineData(2_000_000, 1000)]
    public async Task SetPartnerQuota_OutOfRange_IsInvalid(int perSecond, int burst)
    {
        var (partnerId, _) = await Scenario.CreatePartnerAsync(Role.Partner, Purpose.DatingSafety);

        await RpcAssert.FailsAsync(StatusCode.InvalidArgument, "INVALID_ARGUMENT", async () => await Scenario.Admin.SetPartnerQuotaAsync(
            new SetPartnerQuotaRequest { PartnerId = partnerId, PermitsPerSecond = perSecond, Burst = burst, Reason = "r" }, cancellationToken: Ct));
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    private async Task<long> AuditCountAsync() =>
        await new Audit.AuditTestLog(_factory).ScalarAsync<long>("SELECT COUNT(*) FROM audit_entries WHERE Action = 'check'");
}
