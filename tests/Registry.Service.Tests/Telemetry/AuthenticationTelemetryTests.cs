using Grpc.Core;
using Registry.Protos.V1;
using Registry.Service.Partners;
using Registry.Service.Tests.Infrastructure;

namespace Registry.Service.Tests.Telemetry;

/// <summary>The verified-key cache's lookups and invalidation lag, through the real pipeline (fake clock: exact values).</summary>
public sealed class AuthenticationTelemetryTests(RegistryAppFactory factory) : IClassFixture<RegistryAppFactory>
{
    private readonly RegistryScenario _scenario = new(factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Verify_SameKeyTwice_CountsAMissThenAHit()
    {
        var key = await _scenario.CreatePartnerKeyAsync();
        using var sut = new TelemetryRecorder(factory);

        await _scenario.GrantAsync(key, TestKeys.NewH1());
        await _scenario.GrantAsync(key, TestKeys.NewH1());

        Assert.Equal(1, sut.Sum(AuthenticationMetrics.KeyCacheLookupsName, ("result", AuthenticationMetrics.Miss)));
        Assert.Equal(1, sut.Sum(AuthenticationMetrics.KeyCacheLookupsName, ("result", AuthenticationMetrics.Hit)));
    }

    [Fact]
    public async Task Verify_SameWrongSecretTwice_CountsAMissThenARememberedRefusal()
    {
        var key = await _scenario.CreatePartnerKeyAsync();
        var wrong = key[..^4] + (key.EndsWith("0000", StringComparison.Ordinal) ? "1111" : "0000");
        using var sut = new TelemetryRecorder(factory);

        for (var i = 0; i < 2; i++)
        {
            await Assert.ThrowsAsync<RpcException>(async () => await _scenario.GrantAsync(wrong, TestKeys.NewH1()));
        }

        Assert.Equal(1, sut.Sum(AuthenticationMetrics.KeyCacheLookupsName, ("result", AuthenticationMetrics.Miss)));
        Assert.Equal(1, sut.Sum(AuthenticationMetrics.KeyCacheLookupsName, ("result", AuthenticationMetrics.RefusalHit)));
    }

    [Fact]
    public async Task RevokeApiKey_CachedKey_RecordsHowLongTheEntryWouldStillHaveServedWithinTheBound()
    {
        var admin = _scenario.Admin;
        var created = await admin.CreatePartnerAsync(new CreatePartnerRequest { Name = "p-" + Guid.NewGuid().ToString("N"), Role = Role.Partner, AllowedPurposes = { Purpose.DatingSafety } }, cancellationToken: Ct);
        await _scenario.GrantAsync(created.ApiKey.ApiKey, TestKeys.NewH1()); // verified and cached at the fake clock's now
        factory.Clock.Advance(TimeSpan.FromSeconds(2));
        using var sut = new TelemetryRecorder(factory);

        await admin.RevokeApiKeyAsync(new RevokeApiKeyRequest { KeyId = created.ApiKey.KeyId }, cancellationToken: Ct);

        Assert.Equal(5, sut.Observe(AuthenticationMetrics.InvalidationBoundName)); // ApiKeyOptions.CacheDuration's default
        var lag = Assert.Single(sut.Of(AuthenticationMetrics.InvalidationLagName));
        Assert.Equal(3, lag.Value, precision: 6); // cached for 5 s, 2 s of them gone
    }
}
