using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Registry.Client.Tests;

public sealed class RegistryClientServiceCollectionExtensionsTests
{
    [Fact]
    public void AddRegistryClient_Resolved_IsOneSingletonForTheEndpoint()
    {
        var services = new ServiceCollection();

        services.AddRegistryClient(new Uri("http://localhost:5080"), new RegistryApiKeyCredential("rk_a_b"), o => o.MaxRetries = 1);

        using var provider = services.BuildServiceProvider();
        var sut = provider.GetRequiredService<RegistryClient>();
        Assert.Same(sut, provider.GetRequiredService<RegistryClient>());
        Assert.Equal(new Uri("http://localhost:5080"), sut.Endpoint);
    }

    [Fact]
    public void AddRegistryClient_RegisteredTimeProvider_IsPresetInOptions()
    {
        var services = new ServiceCollection();
        var time = new FakeTimeProvider();
        services.AddSingleton<TimeProvider>(time);
        TimeProvider? seen = null;

        services.AddRegistryClient(new Uri("http://localhost:5080"), new RegistryApiKeyCredential("rk_a_b"), o => seen = o.TimeProvider);

        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<RegistryClient>();
        Assert.Same(time, seen);
    }

    [Fact]
    public void AddRegistryClient_InvalidOptions_FailWhenResolved()
    {
        var services = new ServiceCollection();

        services.AddRegistryClient(new Uri("http://localhost:5080"), new RegistryApiKeyCredential("rk_a_b"), o => o.MaxRetries = -1);

        using var provider = services.BuildServiceProvider();
        var ex = Assert.Throws<ArgumentException>(() => provider.GetRequiredService<RegistryClient>());
        Assert.Equal(nameof(RegistryClientOptions.MaxRetries), ex.ParamName);
    }

    [Fact]
    public void AddRegistryClient_NullArguments_Throw()
    {
        var credential = new RegistryApiKeyCredential("rk_a_b");

        Assert.Throws<ArgumentNullException>(() => ((IServiceCollection)null!).AddRegistryClient(new Uri("http://x"), credential));
        Assert.Throws<ArgumentNullException>(() => new ServiceCollection().AddRegistryClient(null!, credential));
        Assert.Throws<ArgumentNullException>(() => new ServiceCollection().AddRegistryClient(new Uri("http://x"), null!));
    }
}
