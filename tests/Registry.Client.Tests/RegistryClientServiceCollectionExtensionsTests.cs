using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Registry.Client.Consents;
using Registry.Client.Tests.Infrastructure;
using P = Registry.Protos.V1;

namespace Registry.Client.Tests;

public sealed class RegistryClientServiceCollectionExtensionsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

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
    public async Task AddRegistryClient_InvalidOptionInCode_FailsTheHostStart()
    {
        var builder = CreateHostBuilder([]);

        builder.Services.AddRegistryClient(new Uri("http://localhost:5080"), new RegistryApiKeyCredential("rk_a_b"), o => o.MaxRetries = -1);

        using var host = builder.Build();
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Ct));
        Assert.Contains("MaxRetries must be between 0 and 10.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddRegistryClient_Configuration_BindsEveryKnobAndTheClientCallsTheService()
    {
        await using var server = await RegistryTestHost.StartAsync(Ct);
        server.Consents.OnGetConsent = (_, _) => Task.FromResult(new P.GetConsentResponse { Consent = new P.Consent { ConsentId = "c-1", Purpose = P.Purpose.DatingSafety } });
        var builder = CreateHostBuilder(new()
        {
            ["Registry:Endpoint"] = "http://localhost",
            ["Registry:ApiKey"] = RegistryTestHost.ApiKey,
            ["Registry:Timeout"] = "00:00:20",
            ["Registry:AttemptTimeout"] = "00:00:04",
            ["Registry:MaxRetries"] = "1",
            ["Registry:RetryBaseDelay"] = "00:00:00.050",
            ["Registry:EnableCircuitBreaker"] = "false",
            ["Registry:CircuitBreakerFailureRatio"] = "0.25",
            ["Registry:CircuitBreakerMinimumThroughput"] = "40",
            ["Registry:CircuitBreakerSamplingDuration"] = "00:01:00",
            ["Registry:CircuitBreakerBreakDuration"] = "00:00:07",
        });

        builder.Services.AddRegistryClient(builder.Configuration.GetSection("Registry"), o => o.HttpHandler = server.CreateOptions().HttpHandler);

        using var host = builder.Build();
        await host.StartAsync(Ct);
        var options = host.Services.GetRequiredService<IOptions<RegistryClientOptions>>().Value;
        Assert.Equal(
            (TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(4), 1, TimeSpan.FromMilliseconds(50), false, 0.25, 40, TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(7)),
            (options.Timeout, options.AttemptTimeout, options.MaxRetries, options.RetryBaseDelay, options.EnableCircuitBreaker,
                options.CircuitBreakerFailureRatio, options.CircuitBreakerMinimumThroughput, options.CircuitBreakerSamplingDuration,
                options.CircuitBreakerBreakDuration));
        var consent = await host.Services.GetRequiredService<RegistryClient>().GetConsentAsync("c-1", Ct);
        Assert.Equal(Purpose.DatingSafety, consent.Purpose);
        Assert.Equal("Bearer " + RegistryTestHost.ApiKey, Assert.Single(server.Recorder.Calls).Authorization);
        await host.StopAsync(Ct);
    }

    [Theory]
    [InlineData(null, RegistryTestHost.ApiKey, "Registry:Endpoint is required")]
    [InlineData("localhost:5080", RegistryTestHost.ApiKey, "Registry:Endpoint must be an absolute http:// or https:// address")]
    [InlineData("http://localhost:5080", null, "Registry:ApiKey is required")]
    [InlineData("http://localhost:5080", "not-a-key", "Registry:ApiKey is not an API key")]
    public async Task AddRegistryClient_MissingOrBadConnectionKey_FailsTheHostStartNamingTheKey(string? endpoint, string? apiKey, string expected)
    {
        var builder = CreateHostBuilder(new() { ["Registry:Endpoint"] = endpoint, ["Registry:ApiKey"] = apiKey });

        builder.Services.AddRegistryClient(builder.Configuration.GetSection("Registry"));

        using var host = builder.Build();
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Ct));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-a-key", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddRegistryClient_BadOptionValues_FailTheHostStartNamingEveryKey()
    {
        var builder = CreateHostBuilder(new()
        {
            ["Registry:Endpoint"] = "http://localhost:5080",
            ["Registry:ApiKey"] = RegistryTestHost.ApiKey,
            ["Registry:MaxRetries"] = "11",
            ["Registry:CircuitBreakerBreakDuration"] = "00:00:00.100",
        });

        builder.Services.AddRegistryClient(builder.Configuration.GetSection("Registry"));

        using var host = builder.Build();
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Ct));
        Assert.Contains("Registry:MaxRetries: MaxRetries must be between 0 and 10.", ex.Failures);
        Assert.Contains("Registry:CircuitBreakerBreakDuration: CircuitBreakerBreakDuration must be between 500 milliseconds and 1 day.", ex.Failures);
    }

    [Fact]
    public async Task AddRegistryClient_HostDisposed_DisposesTheClient()
    {
        await using var server = await RegistryTestHost.StartAsync(Ct);
        var builder = CreateHostBuilder([]);
        builder.Services.AddRegistryClient(new Uri("http://localhost"), new RegistryApiKeyCredential(RegistryTestHost.ApiKey), o => o.HttpHandler = server.CreateOptions().HttpHandler);
        var host = builder.Build();
        await host.StartAsync(Ct);
        var sut = host.Services.GetRequiredService<RegistryClient>();
        await sut.GetConsentAsync("c-1", Ct);

        host.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => sut.GetConsentAsync("c-1", Ct));
        Assert.Single(server.Recorder.Calls);
    }

    [Fact]
    public void AddRegistryClient_CalledTwice_KeepsTheFirstRegistration()
    {
        var services = new ServiceCollection();

        services.AddRegistryClient(new Uri("http://first:5080"), new RegistryApiKeyCredential("rk_a_b"));
        services.AddRegistryClient(new Uri("http://second:5080"), new RegistryApiKeyCredential("rk_c_d"), o => o.MaxRetries = -1);

        using var provider = services.BuildServiceProvider();
        Assert.Equal(new Uri("http://first:5080"), provider.GetRequiredService<RegistryClient>().Endpoint);
    }

    [Fact]
    public void AddRegistryClient_NullArguments_Throw()
    {
        var credential = new RegistryApiKeyCredential("rk_a_b");
        var configuration = new ConfigurationBuilder().Build();

        Assert.Throws<ArgumentNullException>(() => ((IServiceCollection)null!).AddRegistryClient(new Uri("http://x"), credential));
        Assert.Throws<ArgumentNullException>(() => new ServiceCollection().AddRegistryClient(null!, credential));
        Assert.Throws<ArgumentNullException>(() => new ServiceCollection().AddRegistryClient(new Uri("http://x"), null!));
        Assert.Throws<ArgumentNullException>(() => new ServiceCollection().AddRegistryClient((IConfiguration)null!));
        Assert.Throws<ArgumentNullException>(() => new ServiceCollection().AddRegistryClient(configuration, null!));
    }

    private static HostApplicationBuilder CreateHostBuilder(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        return builder;
    }
}
