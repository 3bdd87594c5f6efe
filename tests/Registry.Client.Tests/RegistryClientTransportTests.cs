using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Registry.Client.Tests.Infrastructure;
using P = Registry.Protos.V1;

namespace Registry.Client.Tests;

/// <summary>The default transport (no HttpHandler) against real Kestrel speaking h2c on 127.0.0.1, as the service does on
/// http://localhost:5080.</summary>
public sealed class RegistryClientTransportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ListPartners_PlainHttpEndpoint_UsesH2cAndSendsBearerKey()
    {
        var recorder = new CallRecorder(TimeProvider.System);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(recorder);
        builder.Services.AddSingleton<FakeAdminService>();
        await using var app = builder.Build();
        app.MapGrpcService<FakeAdminService>();
        app.Services.GetRequiredService<FakeAdminService>().OnListPartners = (_, _) =>
            Task.FromResult(new P.ListPartnersResponse { Partners = { new P.Partner { PartnerId = "p-1", Role = P.Role.Admin } } });
        await app.StartAsync(Ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        var sut = new RegistryClient(new Uri(address), new RegistryApiKeyCredential(RegistryTestHost.ApiKey));

        var partners = await sut.ListPartnersAsync(Ct);

        Assert.StartsWith("http://127.0.0.1:", address, StringComparison.Ordinal);
        Assert.Equal("p-1", Assert.Single(partners).PartnerId);
        Assert.Equal("Bearer " + RegistryTestHost.ApiKey, Assert.Single(recorder.Calls).Authorization);
    }

    [Fact]
    public async Task ListPartners_NothingListening_ThrowsUnavailableAfterRetries()
    {
        var options = new RegistryClientOptions { MaxRetries = 1, RetryBaseDelay = TimeSpan.Zero };
        var sut = new RegistryClient(new Uri("http://127.0.0.1:9"), new RegistryApiKeyCredential(RegistryTestHost.ApiKey), options);

        var ex = await Assert.ThrowsAsync<RegistryRequestException>(() => sut.ListPartnersAsync(Ct));

        Assert.Equal(Grpc.Core.StatusCode.Unavailable, ex.StatusCode);
        Assert.DoesNotContain(RegistryTestHost.ApiKey.Split('_')[2], ex.ToString(), StringComparison.Ordinal);
    }
}
