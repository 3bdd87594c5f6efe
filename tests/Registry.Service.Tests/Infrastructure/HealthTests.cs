using Grpc.Core;
using Grpc.Health.V1;
using Registry.Service.Tests.Audit;
using static Grpc.Health.V1.HealthCheckResponse.Types;

namespace Registry.Service.Tests.Infrastructure;

/// <summary>grpc.health.v1.Health answers from a readiness state refreshed in the background (issue 8).</summary>
public sealed class HealthTests : IDisposable
{
    private const string CheckPath = "/grpc.health.v1.Health/Check";

    private readonly DbContextCounter _contexts = new();
    private readonly RegistryAppFactory _factory;

    public HealthTests() =>
        _factory = new RegistryAppFactory { ConfigureTestServices = _contexts.Register }.With("Registry:Health:RefreshPeriod", "00:00:01");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("")]
    [InlineData("registry.v1.CheckService")]
    [InlineData("registry.v1.ConsentService")]
    [InlineData("registry.v1.AdminService")]
    [InlineData("registry.v1.AuditService")]
    public async Task Check_OverallOrRegisteredService_IsServing(string service)
    {
        var sut = CreateSut();

        var response = await sut.CheckAsync(new HealthCheckRequest { Service = service }, cancellationToken: Ct);

        Assert.Equal(ServingStatus.Serving, response.Status);
    }

    [Fact]
    public async Task Check_UnknownService_ReturnsNotFound()
    {
        var sut = CreateSut();

        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            sut.CheckAsync(new HealthCheckRequest { Service = "registry.v1.NoSuchService" }, cancellationToken: Ct).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, ex.StatusCode);
    }

    [Fact]
    public async Task Check_ManyCalls_MakeNoDatabaseAccess()
    {
        var sut = CreateSut();

        for (var i = 0; i < 20; i++)
        {
            await sut.CheckAsync(new HealthCheckRequest(), cancellationToken: Ct);
        }

        Assert.Equal(0, _contexts.For(CheckPath));
    }

    [Fact]
    public async Task Check_DatabaseFileGone_TurnsNotServingWithinTheRefreshPeriod()
    {
        var sut = CreateSut();
        Assert.Equal(ServingStatus.Serving, (await sut.CheckAsync(new HealthCheckRequest(), cancellationToken: Ct)).Status);

        File.Move(_factory.DatabasePath, _factory.DatabasePath + ".moved");

        await Eventually.UntilAsync(
            async () => await StatusAsync(sut, "") == ServingStatus.NotServing
                && await StatusAsync(sut, "registry.v1.CheckService") == ServingStatus.NotServing,
            TimeSpan.FromSeconds(15), () => "health to report NOT_SERVING once the database is gone");
    }

    [Fact]
    public async Task Check_DatabaseBack_TurnsServingAgain()
    {
        var sut = CreateSut();
        File.Move(_factory.DatabasePath, _factory.DatabasePath + ".moved");
        await Eventually.UntilAsync(async () => await StatusAsync(sut, "") == ServingStatus.NotServing,
            TimeSpan.FromSeconds(15), () => "health to report NOT_SERVING once the database is gone");

        File.Move(_factory.DatabasePath + ".moved", _factory.DatabasePath);

        await Eventually.UntilAsync(async () => await StatusAsync(sut, "") == ServingStatus.Serving,
            TimeSpan.FromSeconds(15), () => "health to report SERVING once the database is back");
    }

    public void Dispose() => _factory.Dispose();

    private Health.HealthClient CreateSut() => new(_factory.CreateChannel(null));

    private static async Task<ServingStatus> StatusAsync(Health.HealthClient client, string service) =>
        (await client.CheckAsync(new HealthCheckRequest { Service = service }, cancellationToken: Ct)).Status;
}
