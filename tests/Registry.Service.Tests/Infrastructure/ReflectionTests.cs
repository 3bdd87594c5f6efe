using Grpc.Core;
using Grpc.Reflection.V1Alpha;

namespace Registry.Service.Tests.Infrastructure;

/// <summary>Server reflection (so grpcurl works) is on in Development only.</summary>
public sealed class ReflectionTests
{
    [Fact]
    public async Task ListServices_InDevelopment_NamesEveryRegistryService()
    {
        using var factory = new RegistryAppFactory { EnvironmentName = "Development" };

        var services = await ListServicesAsync(factory);

        Assert.Contains("registry.v1.CheckService", services);
        Assert.Contains("registry.v1.ConsentService", services);
        Assert.Contains("registry.v1.AuditService", services);
        Assert.Contains("registry.v1.AdminService", services);
        Assert.Contains("grpc.health.v1.Health", services);
    }

    [Fact]
    public async Task ListServices_OutsideDevelopment_IsUnimplemented()
    {
        using var factory = new RegistryAppFactory();

        var ex = await Assert.ThrowsAsync<RpcException>(() => ListServicesAsync(factory));

        Assert.Equal(StatusCode.Unimplemented, ex.StatusCode);
    }

    private static async Task<List<string>> ListServicesAsync(RegistryAppFactory factory)
    {
        var client = new ServerReflection.ServerReflectionClient(factory.CreateChannel(null));
        using var call = client.ServerReflectionInfo(cancellationToken: TestContext.Current.CancellationToken);
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" }, TestContext.Current.CancellationToken);
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(TestContext.Current.CancellationToken));
        return call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();
    }
}
