using Grpc.Core;
using Microsoft.Extensions.Options;
using Registry.Protos.V1;
using Registry.Service.Tests.Audit;
using Registry.Service.Tests.Infrastructure;

namespace Registry.Service.Tests.Checks;

/// <summary>
/// The consents a replica keeps for its checks (<c>Consent.ConsentCache</c>) decide nothing that changes: a consent
/// cached while usable is still refused once it expires, is used up or is revoked, and many calls of one request at the
/// same moment, the consent cached, count one use and are given one answer under one entry.
/// </summary>
public sealed class ConsentCacheTests(RegistryAppFactory factory) : IClassFixture<RegistryAppFactory>
{
    private readonly RegistryScenario _scenario = new(factory);
    private readonly AuditTestLog _log = new(factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Check_SameRequestIdManyAtOnceOnACachedConsent_CountsOneUseUnderOneEntry()
    {
        const int calls = 16;
        var key = await _scenario.CreatePartnerKeyAsync();
        var h1 = TestKeys.NewH1();
        var consentId = await _scenario.GrantAsync(key, h1, maxUses: 5);
        var client = _scenario.Checks(key);
        await client.CheckAsync(RegistryScenario.CheckRequest(consentId, h1), cancellationToken: Ct); // the consent is now cached
        var request = RegistryScenario.CheckRequest(consentId, h1);
        using var go = new SemaphoreSlim(0);
        var attempts = Enumerable.Range(0, calls).Select(async _ =>
        {
            await go.WaitAsync(Ct);
            return await client.CheckAsync(request, cancellationToken: Ct);
        }).ToArray();

        go.Release(calls);
        var responses = await Task.WhenAll(attempts);

        var entry = Assert.Single(await _log.RowsAsync($"Action = 'check' AND RequestId = '{request.RequestId}'"));
        Assert.All(responses, r => Assert.Equal(entry["Id"], r.AuditEntryId));
        Assert.All(responses, r => Assert.Equal(3, r.ConsentUsesRemaining));
        Assert.Equal(2L, await _log.ScalarAsync<long>($"SELECT Uses FROM consents WHERE Id = '{consentId}'"));
    }

    [Fact]
    public async Task Check_CachedConsentThatExpired_IsRefusedWithConsentExpired()
    {
        var key = await _scenario.CreatePartnerKeyAsync();
        var h1 = TestKeys.NewH1();
        var grant = _scenario.GrantRequest(h1);
        grant.MaxUses = 5;
        grant.ValidFor = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromHours(1));
        var consentId = (await _scenario.Consents(key).GrantConsentAsync(grant, cancellationToken: Ct)).ConsentId;
        await _scenario.Checks(key).CheckAsync(RegistryScenario.CheckRequest(consentId, h1), cancellationToken: Ct);
        factory.Clock.Advance(TimeSpan.FromHours(1));

        var refused = await Assert.ThrowsAsync<RpcException>(() => _scenario.Checks(key).CheckAsync(RegistryScenario.CheckRequest(consentId, h1), cancellationToken: Ct).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        Assert.Equal("CONSENT_EXPIRED", RpcAssert.Reason(refused));
    }

    [Fact]
    public async Task Check_CachedConsentUsedUpOrRevoked_IsRefusedAndCountsNoUse()
    {
        var key = await _scenario.CreatePartnerKeyAsync();
        var h1 = TestKeys.NewH1();
        var usedUp = await _scenario.GrantAsync(key, h1, maxUses: 1);
        var revoked = await _scenario.GrantAsync(key, h1, maxUses: 5);
        var client = _scenario.Checks(key);
        await client.CheckAsync(RegistryScenario.CheckRequest(usedUp, h1), cancellationToken: Ct);
        await client.CheckAsync(RegistryScenario.CheckRequest(revoked, h1), cancellationToken: Ct);
        await _scenario.Consents(key).RevokeConsentAsync(new RevokeConsentRequest { ConsentId = revoked }, cancellationToken: Ct);

        var reasons = new List<string?>();
        foreach (var consentId in new[] { usedUp, revoked, usedUp, revoked })
        {
            var refused = await Assert.ThrowsAsync<RpcException>(() => client.CheckAsync(RegistryScenario.CheckRequest(consentId, h1), cancellationToken: Ct).ResponseAsync);
            reasons.Add(RpcAssert.Reason(refused));
        }

        Assert.Equal(["CONSENT_USED_UP", "CONSENT_REVOKED", "CONSENT_USED_UP", "CONSENT_REVOKED"], reasons);
        Assert.Equal(1L, await _log.ScalarAsync<long>($"SELECT Uses FROM consents WHERE Id = '{usedUp}'"));
        Assert.Equal(1L, await _log.ScalarAsync<long>($"SELECT Uses FROM consents WHERE Id = '{revoked}'"));
    }

    [Fact]
    public async Task Check_CacheTurnedOff_ReadsEveryConsentAndStillCountsAndRefuses()
    {
        using var off = new RegistryAppFactory().With("Registry:Consent:CacheSize", "0");
        var scenario = new RegistryScenario(off);
        var key = await scenario.CreatePartnerKeyAsync();
        var h1 = TestKeys.NewH1();
        var consentId = await scenario.GrantAsync(key, h1, maxUses: 2);
        var client = scenario.Checks(key);

        var first = await client.CheckAsync(RegistryScenario.CheckRequest(consentId, h1), cancellationToken: Ct);
        var second = await client.CheckAsync(RegistryScenario.CheckRequest(consentId, h1), cancellationToken: Ct);
        var refused = await Assert.ThrowsAsync<RpcException>(() => client.CheckAsync(RegistryScenario.CheckRequest(consentId, h1), cancellationToken: Ct).ResponseAsync);

        Assert.Equal([1, 0], new[] { first.ConsentUsesRemaining, second.ConsentUsesRemaining });
        Assert.Equal("CONSENT_USED_UP", RpcAssert.Reason(refused));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("10000001")]
    public void Start_CacheSizeOutOfRange_FailsNamingTheSetting(string value)
    {
        using var bad = new RegistryAppFactory().With("Registry:Consent:CacheSize", value);

        var ex = Assert.ThrowsAny<Exception>(() => bad.Server);

        var validation = Assert.IsType<OptionsValidationException>(ExceptionChain.Find<OptionsValidationException>(ex));
        Assert.Contains("CacheSize", validation.Message, StringComparison.Ordinal);
    }
}
