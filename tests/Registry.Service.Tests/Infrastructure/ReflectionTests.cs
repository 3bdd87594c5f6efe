using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Reflection.V1Alpha;

namespace Registry.Service.Tests.Infrastructure;

/// <summary>
/// Server reflection (so grpcurl and buf curl work) is on in Development only, and serves the google.rpc error-detail
/// types too, so those tools decode the rich details of a refusal instead of showing base64.
/// </summary>
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

    [Theory]
    [InlineData("google.rpc.ErrorInfo")]
    [InlineData("google.rpc.BadRequest")]
    [InlineData("google.rpc.BadRequest.FieldViolation")]
    [InlineData("google.rpc.RetryInfo")]
    [InlineData("google.rpc.Status")]
    public async Task FileContainingSymbol_ErrorDetailType_ReturnsAFileThatDefinesIt(string symbol)
    {
        using var factory = new RegistryAppFactory { EnvironmentName = "Development" };

        var response = await ReflectAsync(factory, new ServerReflectionRequest { FileContainingSymbol = symbol });

        Assert.Equal(ServerReflectionResponse.MessageResponseOneofCase.FileDescriptorResponse, response.MessageResponseCase);
        var files = response.FileDescriptorResponse.FileDescriptorProto.Select(FileDescriptorProto.Parser.ParseFrom).ToList();
        Assert.Contains(files, file => file.Package == "google.rpc" && DefinesMessage(file, symbol["google.rpc.".Length..]));
    }

    [Fact]
    public async Task FileContainingSymbol_OnReflectionV1_ResolvesErrorInfo()
    {
        using var factory = new RegistryAppFactory { EnvironmentName = "Development" };
        var client = new Grpc.Reflection.V1.ServerReflection.ServerReflectionClient(factory.CreateChannel(null));

        using var call = client.ServerReflectionInfo(cancellationToken: TestContext.Current.CancellationToken);
        await call.RequestStream.WriteAsync(
            new Grpc.Reflection.V1.ServerReflectionRequest { FileContainingSymbol = "google.rpc.ErrorInfo" }, TestContext.Current.CancellationToken);
        await call.RequestStream.CompleteAsync();

        Assert.True(await call.ResponseStream.MoveNext(TestContext.Current.CancellationToken));
        var files = call.ResponseStream.Current.FileDescriptorResponse.FileDescriptorProto.Select(FileDescriptorProto.Parser.ParseFrom);
        Assert.Contains(files, file => file.Package == "google.rpc" && DefinesMessage(file, "ErrorInfo"));
    }

    private static bool DefinesMessage(FileDescriptorProto file, string name)
    {
        var parts = name.Split('.');
        var messages = file.MessageType;
        DescriptorProto? found = null;
        foreach (var part in parts)
        {
            found = messages.FirstOrDefault(m => m.Name == part);
            if (found is null)
            {
                return false;
            }

            messages = found.NestedType;
        }

        return found is not null;
    }

    private static async Task<ServerReflectionResponse> ReflectAsync(RegistryAppFactory factory, ServerReflectionRequest request)
    {
        var client = new ServerReflection.ServerReflectionClient(factory.CreateChannel(null));
        using var call = client.ServerReflectionInfo(cancellationToken: TestContext.Current.CancellationToken);
        await call.RequestStream.WriteAsync(request, TestContext.Current.CancellationToken);
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(TestContext.Current.CancellationToken));
        return call.ResponseStream.Current;
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
