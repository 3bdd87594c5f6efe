using Registry.Protos.V1;
using Registry.Service.Tests.Infrastructure;

namespace Registry.Service.Tests.Audit;

/// <summary>Calls that need no data build no data access (issue 8).</summary>
public sealed class AuditGrpcServiceTests : IDisposable
{
    private const string GetPublicKeyPath = "/registry.v1.AuditService/GetPublicKey";
    private const string ListCheckpointsPath = "/registry.v1.AuditService/ListCheckpoints";

    private readonly DbContextCounter _contexts = new();
    private readonly RegistryAppFactory _factory;

    public AuditGrpcServiceTests() => _factory = new RegistryAppFactory { ConfigureTestServices = _contexts.Register };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetPublicKey_ManyCalls_CreateNoDbContext()
    {
        var sut = await CreateSutAsync();

        for (var i = 0; i < 20; i++)
        {
            await sut.GetPublicKeyAsync(new GetPublicKeyRequest(), cancellationToken: Ct);
        }

        Assert.Equal(0, _contexts.For(GetPublicKeyPath));
    }

    [Fact]
    public async Task ListCheckpoints_ReadsTheDatabase_IsCountedByTheSameCounter()
    {
        var sut = await CreateSutAsync();

        await sut.ListCheckpointsAsync(new ListCheckpointsRequest(), cancellationToken: Ct);

        Assert.True(_contexts.For(ListCheckpointsPath) > 0, "the counter must see the contexts an auditor read opens");
    }

    public void Dispose() => _factory.Dispose();

    /// <summary>An auditor's client whose key is already verified and cached (verifying a key reads the database once).</summary>
    private async Task<AuditService.AuditServiceClient> CreateSutAsync()
    {
        var (_, key) = await new RegistryScenario(_factory).CreatePartnerAsync(Role.Auditor);
        var client = new AuditService.AuditServiceClient(_factory.CreateChannel(key));
        await client.GetPublicKeyAsync(new GetPublicKeyRequest(), cancellationToken: Ct);
        _contexts.Reset();
        return client;
    }
}
