using System.Reflection;
using Google.Protobuf.Reflection;
using Grpc.AspNetCore.Server;
using Grpc.Reflection;
using ProtoServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace Registry.Service.Infrastructure;

public static class ReflectionServiceCollectionExtensions
{
    /// <summary>
    /// The files of the types a refusal carries in <c>grpc-status-details-bin</c> (<see cref="RegistryStatusMapping"/>):
    /// google.rpc.Status and the error details (ErrorInfo, BadRequest, RetryInfo, …). No RPC names ErrorInfo, BadRequest
    /// or RetryInfo, so reflection built from the services alone would not serve them, and grpcurl, which resolves a
    /// detail's type by symbol, would show it as base64. (buf curl 1.75 prints details as base64 whatever reflection serves.)
    /// </summary>
    public static readonly IReadOnlyList<FileDescriptor> ErrorDetailFiles =
    [
        Google.Rpc.StatusReflection.Descriptor,
        Google.Rpc.ErrorDetailsReflection.Descriptor,
    ];

    /// <summary>
    /// Server reflection (v1 and v1alpha) over every mapped gRPC service plus <see cref="ErrorDetailFiles"/>. Registered
    /// before <c>AddGrpcReflection</c>, whose own registrations are <c>TryAdd</c>, so these win and it adds only what
    /// <c>MapGrpcReflectionService</c> needs besides.
    /// </summary>
    public static IServiceCollection AddRegistryReflection(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(provider =>
        {
            var (names, symbols) = Describe(provider);
            return new ReflectionServiceImpl(names, symbols);
        });
        services.AddSingleton(provider =>
        {
            var (names, symbols) = Describe(provider);
            return new ReflectionV1ServiceImpl(names, symbols);
        });
        services.AddGrpcReflection();
        return services;
    }

    // The services are found as grpc-dotnet's AddGrpcReflection finds them: from the endpoints' metadata, each service
    // type's generated base class, whose declaring class has a static Descriptor.
    private static (IReadOnlyList<string> Names, SymbolRegistry Symbols) Describe(IServiceProvider provider)
    {
        var services = provider.GetRequiredService<EndpointDataSource>().Endpoints
            .Select(endpoint => endpoint.Metadata.GetMetadata<GrpcMethodMetadata>()?.ServiceType)
            .OfType<Type>()
            .Distinct()
            .Select(DescriptorOf)
            .OfType<ProtoServiceDescriptor>()
            .ToList();
        var files = services.Select(s => s.File).Concat(ErrorDetailFiles);
        return (services.Select(s => s.FullName).ToList(), SymbolRegistry.FromFiles(files));
    }

    private static ProtoServiceDescriptor? DescriptorOf(Type serviceType)
    {
        var baseType = serviceType.BaseType;
        while (baseType?.BaseType?.BaseType is not null)
        {
            baseType = baseType.BaseType;
        }

        return baseType?.DeclaringType?.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as ProtoServiceDescriptor;
    }
}
