using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Registry.Protos.V1;
using Registry.Service.Infrastructure;
using Registry.Service.Partners;
using Registry.Service.Tests.Infrastructure;

namespace Registry.Service.Tests.Partners;

public sealed class ApiKeyVerifierTests(RegistryAppFactory factory) : IClassFixture<RegistryAppFactory>
{
    private readonly RegistryScenario _scenario = new(factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task VerifyAsync_KeyRevokedByAnotherReplica_StopsWorkingWhenTheCacheExpires()
    {
        var key = await _scenario.CreatePartnerKeyAsync();
        var sut = factory.Services.GetRequiredService<ApiKeyVerifier>();
        await sut.VerifyAsync("Bearer " + key, Ct);
        await RevokeDirectlyAsync(key.Split('_')[1]); // as another replica would: only the database changes here

        var stillCached = await sut.VerifyAsync("Bearer " + key, Ct);
        factory.Clock.Advance(TimeSpan.FromSeconds(6));
        var ex = await Assert.ThrowsAsync<RegistryException>(() => sut.VerifyAsync("Bearer " + key, Ct));

        Assert.NotNull(stillCached);
        Assert.Equal(StatusCode.Unauthenticated, ex.Code);
        Assert.Equal("API_KEY_REVOKED", ex.Reason);
    }

    [Fact]
    public async Task VerifyAsync_ExceptionMessages_NeverContainTheSecret()
    {
        var key = await _scenario.CreatePartnerKeyAsync();
        var secret = key.Split('_')[2];
        var sut = factory.Services.GetRequiredService<ApiKeyVerifier>();
        await RevokeDirectlyAsync(key.Split('_')[1]);
        factory.Clock.Advance(TimeSpan.FromSeconds(6));

        var ex = await Assert.ThrowsAsync<RegistryException>(() => sut.VerifyAsync("Bearer " + key, Ct));

        Assert.DoesNotContain(secret, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IssueApiKey_NewKey_WorksAndDiffersFromTheFirst()
    {
        var (partnerId, first) = await _scenario.CreatePartnerAsync(Role.Partner, Purpose.DatingSafety);

        var issued = await _scenario.Admin.IssueApiKeyAsync(new IssueApiKeyRequest { PartnerId = partnerId }, cancellationToken: Ct);

        Assert.NotEqual(first, issued.ApiKey.ApiKey);
        Assert.Matches("^rk_[0-9a-f]{16}_[0-9a-f]{64}$", issued.ApiKey.ApiKey);
        var consent = await _scenario.Consents(issued.ApiKey.ApiKey).GrantConsentAsync(_scenario.GrantRequest(TestKeys.NewH1()), cancellationToken: Ct);
        Assert.NotEmpty(consent.ConsentId);
    }

    [Fact]
    public async Task StoredKey_IsOnlyABcryptHash()
    {
        var key = await _scenario.CreatePartnerKeyAsync();
        var keyId = key.Split('_')[1];
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();

        var stored = await db.ApiKeys.AsNoTracking().SingleAsync(k => k.Id == keyId, Ct);

        Assert.StartsWith("$2", stored.SecretHash, StringComparison.Ordinal);
        Assert.DoesNotContain(key.Split('_')[2], stored.SecretHash, StringComparison.Ordinal);
    }

    private async Task RevokeDirectlyAsync(string keyId)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        await db.ApiKeys.Where(k => k.Id == keyId).ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, now), Ct);
    }
}
