using Grpc.Core;
using Registry.Protos.V1;
using Registry.Service.Tests.Infrastructure;

namespace Registry.Service.Tests.Audit;

/// <summary>When the audit row cannot be written (a trigger aborts every insert), each call fails closed.</summary>
public sealed class AuditFailClosedTests(RegistryAppFactory factory) : IClassFixture<RegistryAppFactory>
{
    private readonly RegistryScenario _scenario = new(factory);
    private readonly AuditTestLog _log = new(factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GrantConsent_AuditWriteFails_ReturnsUnavailableAndStoresNoConsent()
    {
        var (partnerId, key) = await _scenario.CreatePartnerAsync(Role.Partner, Purpose.DatingSafety);

        await WithFaultAsync(async () =>
        {
            var ex = await RpcAssert.FailsAsync(StatusCode.Unavailable, "AUDIT_UNAVAILABLE", async () =>
                await _scenario.Consents(key).GrantConsentAsync(_scenario.GrantRequest(TestKeys.NewH1()), cancellationToken: Ct));
            Assert.DoesNotContain("c_", ex.Status.Detail, StringComparison.Ordinal);
        });

        Assert.Equal(0L, await _log.ScalarAsync<long>($"SELECT COUNT(*) FROM consents WHERE PartnerId = '{partnerId}'"));
    }

    [Fact]
    public async Task RevokeConsent_AuditWriteFails_ReturnsUnavailableAndTheConsentStaysUsable()
    {
        var key = await _scenario.CreatePartnerKeyAsync();
        var h1 = TestKeys.NewH1();
        var consentId = await _scenario.GrantAsync(key, h1);

        await WithFaultAsync(() => RpcAssert.FailsAsync(StatusCode.Unavailable, "AUDIT_UNAVAILABLE", async () =>
            await _scenario.Consents(key).RevokeConsentAsync(new RevokeConsentRequest { ConsentId = consentId }, cancellationToken: Ct)));

        Assert.Null(await _log.ScalarAsync<string>($"SELECT RevokedAt FROM consents WHERE Id = '{consentId}'"));
        var check = await _scenario.Checks(key).CheckAsync(RegistryScenario.CheckRequest(consentId, h1), cancellationToken: Ct);
        Assert.Equal(CheckOutcome.NoRecord, check.Outcome);
    }

    [Fact]
    public async Task CreatePartner_AuditWriteFails_ReturnsUnavailableAndCreatesNoPartnerOrKey()
    {
        var admin = _scenario.Admin;
        var name = "failing-" + Guid.NewGuid().ToString("N");
        var partnersBefore = await _log.ScalarAsync<long>("SELECT COUNT(*) FROM partners");
        var keysBefore = await _log.ScalarAsync<long>("SELECT COUNT(*) FROM api_keys");

        await WithFaultAsync(() => RpcAssert.FailsAsync(StatusCode.Unavailable, "AUDIT_UNAVAILABLE", async () =>
            await admin.CreatePartnerAsync(new CreatePartnerRequest { Name = name, Role = Role.Partner, AllowedPurposes = { Purpose.DatingSafety } }, cancellationToken: Ct)));

        Assert.Equal(0L, await _log.ScalarAsync<long>($"SELECT COUNT(*) FROM partners WHERE Name = '{name}'"));
        Assert.Equal(partnersBefore, await _log.ScalarAsync<long>("SELECT COUNT(*) FROM partners"));
        Assert.Equal(keysBefore, await _log.ScalarAsync<long>("SELECT COUNT(*) FROM api_keys"));
    }

    [Fact]
    public async Task QueryAuditLog_AuditWriteFails_ReturnsUnavailableAndStreamsNoEntry()
    {
        await _scenario.CreatePartnerKeyAsync();
        await _log.SequenceAsync(); // sequenced entries exist: a query that was not refused would stream them
        var sut = await _log.AuditorAsync();
        var received = new List<QueryAuditLogResponse>();

        await WithFaultAsync(async () =>
        {
            using var call = sut.QueryAuditLog(new QueryAuditLogRequest(), cancellationToken: Ct);
            var ex = await Assert.ThrowsAsync<RpcException>(async () =>
            {
                await foreach (var page in call.ResponseStream.ReadAllAsync(Ct))
                {
                    received.Add(page);
                }
            });
            Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
            Assert.Equal("AUDIT_UNAVAILABLE", RpcAssert.Reason(ex));
        });

        Assert.Empty(received);
        var pages = await sut.QueryAuditLog(new QueryAuditLogRequest(), cancellationToken: Ct).ResponseStream.ReadAllAsync(Ct).ToListAsync(Ct);
        Assert.NotEmpty(pages.SelectMany(p => p.Entries)); // the same query without the fault does stream entries
    }

    private async Task WithFaultAsync(Func<Task> act)
    {
        await _log.ExecuteAsync("CREATE TRIGGER inject_fault BEFORE INSERT ON audit_entries BEGIN SELECT RAISE(ABORT, 'injected'); END");
        try
        {
            await act();
        }
        finally
        {
            await _log.ExecuteAsync("DROP TRIGGER inject_fault");
        }
    }
}
