using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Registry.Service.Infrastructure;
using Registry.Service.Partners;
using Registry.Service.Tests.Audit;
using Registry.Service.Tests.Infrastructure;

namespace Registry.Service.Tests.Partners;

/// <summary>
/// A key this replica proved with BCrypt is checked again each cache period (revoked? suspended?) without running BCrypt
/// again while its stored hash is the one it was proven against; a changed hash is verified with BCrypt again.
/// </summary>
public sealed class ApiKeyProvenHashTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);
    private readonly RegistryAppFactory _factory = new() { ConfigureTestServices = AuthTestServices.UseCountingHasher };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task VerifyAsync_AfterTheCacheExpires_ChecksTheKeyAgainWithoutBCrypt()
    {
        var key = await new RegistryScenario(_factory).CreatePartnerKeyAsync();
        var sut = _factory.Services.GetRequiredService<ApiKeyVerifier>();
        var before = _factory.Hasher().Count;
        await sut.VerifyAsync("Bearer " + key, Ct);
        var afterFirst = _factory.Hasher().Count;

        _factory.Clock.Advance(TimeSpan.FromSeconds(6)); // past the 5 s cache: verified again, inside the call
        var caller = await sut.VerifyAsync("Bearer " + key, Ct);

        Assert.Equal(before + 1, afterFirst);
        Assert.Equal(afterFirst, _factory.Hasher().Count);
        Assert.Equal(key.Split('_')[1], caller.KeyId);
    }

    [Fact]
    public async Task VerifyAsync_AfterTheCacheExpires_StillRefusesAKeyRevokedElsewhere()
    {
        var key = await new RegistryScenario(_factory).CreatePartnerKeyAsync();
        var sut = _factory.Services.GetRequiredService<ApiKeyVerifier>();
        await sut.VerifyAsync("Bearer " + key, Ct);
        var now = _factory.Clock.GetUtcNow().UtcDateTime;
        await UpdateKeyAsync(key, keys => keys.ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, now), Ct));

        _factory.Clock.Advance(TimeSpan.FromSeconds(6));
        var ex = await Assert.ThrowsAsync<RegistryException>(() => sut.VerifyAsync("Bearer " + key, Ct));

        Assert.Equal("API_KEY_REVOKED", ex.Reason);
    }

    [Fact]
    public async Task VerifyAsync_AStoredHashThatChanged_IsVerifiedWithBCryptAgainAndRefused()
    {
        var key = await new RegistryScenario(_factory).CreatePartnerKeyAsync();
        var sut = _factory.Services.GetRequiredService<ApiKeyVerifier>();
        await sut.VerifyAsync("Bearer " + key, Ct);
        var otherHash = BCrypt.Net.BCrypt.HashPassword("another secret", workFactor: 4);
        await UpdateKeyAsync(key, keys => keys.ExecuteUpdateAsync(s => s.SetProperty(k => k.SecretHash, otherHash), Ct));
        var before = _factory.Hasher().Count;

        _factory.Clock.Advance(TimeSpan.FromSeconds(4)); // the last quarter: refreshed in the background, with BCrypt
        await sut.VerifyAsync("Bearer " + key, Ct);
        await Eventually.UntilAsync(() => Task.FromResult(_factory.Hasher().Count == before + 1), Deadline, () => "the background verification");
        await Eventually.UntilAsync(async () =>
        {
            try
            {
                await sut.VerifyAsync("Bearer " + key, Ct);
                return false;
            }
            catch (RegistryException ex) when (ex.Reason == "API_KEY_INVALID")
            {
                return true;
            }
        }, Deadline, () => "the key whose hash changed to be refused");
    }

    public void Dispose() => _factory.Dispose();

    private async Task UpdateKeyAsync(string key, Func<IQueryable<ApiKey>, Task<int>> update)
    {
        using var scope = _factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var keyId = key.Split('_')[1];
        Assert.Equal(1, await update(db.ApiKeys.Where(k => k.Id == keyId)));
    }
}
