using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Registry.Service.Partners;
using Registry.Service.Tests.Infrastructure;

namespace Registry.Service.Tests.Partners;

public sealed class ApiKeyVerifierConcurrencyTests
{
    [Fact]
    public async Task VerifyAsync_ManyCallsWhenTheCacheExpires_ShareOneVerification()
    {
        var counter = new ApiKeyLookupCounter();
        using var factory = new RegistryAppFactory { ConfigureTestServices = s => s.AddSingleton<IInterceptor>(counter) };
        var key = await new RegistryScenario(factory).CreatePartnerKeyAsync();
        var sut = factory.Services.GetRequiredService<ApiKeyVerifier>();
        await sut.VerifyAsync("Bearer " + key, TestContext.Current.CancellationToken);
        factory.Clock.Advance(TimeSpan.FromSeconds(6));
        var before = counter.Count;

        var callers = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ =>
            Task.Run(() => sut.VerifyAsync("Bearer " + key, TestContext.Current.CancellationToken), TestContext.Current.CancellationToken)));

        Assert.All(callers, c => Assert.Equal(callers[0].PartnerId, c.PartnerId));
        Assert.Equal(1, counter.Count - before);
    }
}
