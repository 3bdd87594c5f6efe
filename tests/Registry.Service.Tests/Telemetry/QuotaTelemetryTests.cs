using Grpc.Core;
using Registry.Protos.V1;
using Registry.Service.Quotas;
using Registry.Service.Tests.Infrastructure;

namespace Registry.Service.Tests.Telemetry;

/// <summary>A call refused for its partner's quota is counted by reason and quota, never by partner.</summary>
public sealed class QuotaTelemetryTests : IDisposable
{
    private readonly RegistryAppFactory _factory = new RegistryAppFactory()
        .With("Registry:Quotas:PermitsPerSecond", "1")
        .With("Registry:Quotas:Burst", "100");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Check_OverTheDefaultQuota_CountsOneRefusalByReasonAndQuota()
    {
        var scenario = new RegistryScenario(_factory);
        var key = await scenario.CreatePartnerKeyAsync();
        var checks = scenario.Checks(key);
        var batch = new CheckBatchRequest();
        batch.Items.Add(Enumerable.Range(0, 100).Select(_ => RegistryScenario.CheckRequest("c_doesnotexist", TestKeys.NewH1())));
        await checks.CheckBatchAsync(batch, cancellationToken: Ct); // spends the whole bucket
        using var sut = new TelemetryRecorder(_factory);

        RpcException? refused = null;
        for (var i = 0; i < 10 && refused is null; i++)
        {
            refused = await Record.ExceptionAsync(async () => await checks.CheckAsync(RegistryScenario.CheckRequest("c_doesnotexist", TestKeys.NewH1()), cancellationToken: Ct)) as RpcException;
            refused = refused?.StatusCode == StatusCode.ResourceExhausted ? refused : null;
        }

        Assert.NotNull(refused);
        var counted = Assert.Single(sut.Of(QuotaMetrics.RefusalsName));
        Assert.Equal(1, counted.Value);
        Assert.Equal(PartnerQuotas.ExceededReason, counted.Tags["reason"]);
        Assert.Equal("default", counted.Tags["quota"]);
        Assert.Equal(2, counted.Tags.Count);
    }

    public void Dispose() => _factory.Dispose();
}
