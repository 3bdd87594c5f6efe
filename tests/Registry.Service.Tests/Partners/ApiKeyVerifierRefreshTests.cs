using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Registry.Service.Infrastructure;
using Registry.Service.Partners;
using Registry.Service.Tests.Audit;
using Registry.Service.Tests.Infrastructure;

namespace Registry.Service.Tests.Partners;

/// <summary>
/// In the last quarter of its cache duration a verified key is verified again in the background while calls are
/// still answered from the cache, so no call waits for BCrypt when the entry would have expired; a key that no
/// longer verifies is forgotten then, before the cache duration ends.
/// </summary>
public sealed class ApiKeyVerifierRefreshTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);
    private readonly ApiKeyLookupCounter _counter = new();
    private readonly RegistryAppFactory _factory;

    public ApiKeyVerifierRefreshTests() => _factory = new RegistryAppFactory { ConfigureTestServices = s => s.AddSingleton<IInterceptor>(_counter) };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task VerifyAsync_InTheLastQuarterOfTheCache_AnswersAtOnceAndRefreshesInTheBackground()
    {
        var key = await new RegistryScenario(_factory).CreatePartnerKeyAsync();
        var sut = _factory.Services.GetRequiredService<ApiKeyVerifier>();
        await sut.VerifyAsync("Bearer " + key, Ct);
        var afterFirst = _counter.Count;
        _factory.Clock.Advance(TimeSpan.FromSeconds(4)); // past 3/4 of the 5 s cache, before its end
        await sut.VerifyAsync("Bearer " + key, Ct);
        await Eventually.UntilAsync(() => Task.FromResult(_counter.Count == afterFirst + 1), Deadline, () => "the background verification");
        _factory.Clock.Advance(TimeSpan.FromSeconds(2)); // past the first entry's end, within the refreshed one

        var caller = await sut.VerifyAsync("Bearer " + key, Ct);

        Assert.NotNull(caller);
        Assert.Equal(afterFirst + 1, _counter.Count);
    }

    [Fact]
    public async Task VerifyAsync_WhileTheBackgroundVerificationRuns_DoesNotWaitForIt()
    {
        var key = await new RegistryScenario(_factory).CreatePartnerKeyAsync();
        var sut = _factory.Services.GetRequiredService<ApiKeyVerifier>();
        await sut.VerifyAsync("Bearer " + key, Ct);
        using var block = new ManualResetEventSlim();
        _counter.Block = block; // the background lookup blocks its thread, as SQLite and BCrypt would
        _factory.Clock.Advance(TimeSpan.FromSeconds(4));

        var caller = await sut.VerifyAsync("Bearer " + key, Ct);

        Assert.NotNull(caller);
        // Answered while the verification is still blocked: had it run inside the call, the call would have
        // returned only after the 5 s block ended.
        await Eventually.UntilAsync(() => Task.FromResult(_counter.Blocked == 1), TimeSpan.FromSeconds(4), () => "the background lookup to be blocked");
        block.Set();
    }

    [Fact]
    public async Task VerifyAsync_KeyRevokedElsewhere_IsForgottenByTheBackgroundVerification()
    {
        var key = await new RegistryScenario(_factory).CreatePartnerKeyAsync();
        var sut = _factory.Services.GetRequiredService<ApiKeyVerifier>();
        await sut.VerifyAsync("Bearer " + key, Ct);
        await RevokeDirectlyAsync(key.Split('_')[1]);
        _factory.Clock.Advance(TimeSpan.FromSeconds(4));

        var stillCached = await sut.VerifyAsync("Bearer " + key, Ct);

        Assert.NotNull(stillCached);
        await Eventually.UntilAsync(async () =>
        {
            try
            {
                await sut.VerifyAsync("Bearer " + key, Ct);
                return false; // still answered from the cache: the background verification has not finished
            }
            catch (RegistryException ex) when (ex.Reason == "API_KEY_REVOKED")
            {
                return true;
            }
        }, Deadline, () => "the revoked key to be refused before its cache entry ends (the clock stays at 4 s of 5)");
    }

    public void Dispose() => _factory.Dispose();

    private async Task RevokeDirectlyAsync(string keyId)
    {
        using var scope = _factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var now = _factory.Clock.GetUtcNow().UtcDateTime;
        await db.ApiKeys.Where(k => k.Id == keyId).ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, now), Ct);
    }
}
