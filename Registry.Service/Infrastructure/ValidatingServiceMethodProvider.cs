using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Google.Protobuf;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;

namespace Registry.Service.Infrastructure;

/// <summary>
/// Binds every gRPC service as grpc-dotnet's own binder does (through the generated <c>BindService</c>), but with each
/// request marshaller wrapped: a message that is not valid protobuf answers INVALID_ARGUMENT (MALFORMED_REQUEST) instead
/// of UNKNOWN, and a parsed one goes through <see cref="RequestMessageValidator"/> (field bounds, Timestamp and Duration
/// ranges) before any interceptor or handler sees it.
/// </summary>
/// <remarks>
/// grpc-dotnet parses a unary or server-streaming request before interceptors run, and turns any exception from the
/// parser into UNKNOWN, so the marshaller is the one place that sees it. <see cref="IServiceMethodProvider{TService}"/>
/// is its public hook for supplying methods (protobuf-net.Grpc uses it); <see cref="GrpcHostingExtensions"/> replaces the
/// default binder with this one, since both would add the same routes.
/// </remarks>
public sealed class ValidatingServiceMethodProvider<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.All)] TService>
    : IServiceMethodProvider<TService> where TService : class
{
    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<TService> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        for (var type = typeof(TService); type is not null; type = type.BaseType)
        {
            if (type.GetCustomAttribute<BindServiceMethodAttribute>() is { } attribute)
            {
                var bind = attribute.BindType.GetMethod(attribute.BindMethodName, BindingFlags.Public | BindingFlags.Static, [typeof(ServiceBinderBase), type])
                    ?? throw new InvalidOperationException($"{attribute.BindType} has no {attribute.BindMethodName}({nameof(ServiceBinderBase)}, {type.Name}).");
                bind.Invoke(null, [new Binder(context), null]);
                return;
            }
        }
    }

    internal static Marshaller<TRequest> Guard<TRequest>(Marshaller<TRequest> marshaller) where TRequest : class =>
        new(marshaller.ContextualSerializer, context =>
        {
            TRequest request;
            try
            {
                request = marshaller.ContextualDeserializer(context);
            }
            catch (InvalidProtocolBufferException)
            {
                // The parser's text names offsets and tags of the caller's bytes: not echoed, and the cause is clear enough.
                throw RegistryStatusMapping.ToRpcException(RegistryErrors.MalformedRequest(
                    $"The request is not a valid {typeof(TRequest).Name} message (malformed protobuf)."));
            }

            if (request is IMessage message && RequestMessageValidator.Validate(message) is { Count: > 0 } violations)
            {
                throw RegistryStatusMapping.ToRpcException(RegistryErrors.Validation(violations));
            }

            return request;
        });

    private static Method<TRequest, TResponse> Guard<TRequest, TResponse>(Method<TRequest, TResponse> method)
        where TRequest : class where TResponse : class =>
        new(method.Type, method.ServiceName, method.Name, Guard(method.RequestMarshaller), method.ResponseMarshaller);

    /// <summary>Adds each method the generated code declares, with its guarded marshaller and the metadata grpc-dotnet adds.</summary>
    private sealed class Binder(ServiceMethodProviderContext<TService> context) : ServiceBinderBase
    {
        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler)
        {
            var (invoker, metadata) = Bind<UnaryServerMethod<TService, TRequest, TResponse>>(method.Name, typeof(TRequest), typeof(ServerCallContext));
            context.AddUnaryMethod(Guard(method), metadata, invoker);
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler)
        {
            var (invoker, metadata) = Bind<ServerStreamingServerMethod<TService, TRequest, TResponse>>(
                method.Name, typeof(TRequest), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext));
            context.AddServerStreamingMethod(Guard(method), metadata, invoker);
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler)
        {
            var (invoker, metadata) = Bind<ClientStreamingServerMethod<TService, TRequest, TResponse>>(
                method.Name, typeof(IAsyncStreamReader<TRequest>), typeof(ServerCallContext));
            context.AddClientStreamingMethod(Guard(method), metadata, invoker);
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler)
        {
            var (invoker, metadata) = Bind<DuplexStreamingServerMethod<TService, TRequest, TResponse>>(
                method.Name, typeof(IAsyncStreamReader<TRequest>), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext));
            context.AddDuplexStreamingMethod(Guard(method), metadata, invoker);
        }

        // As grpc-dotnet's ProviderServiceBinder: the service's override (or the generated base's UNIMPLEMENTED one), the
        // service type's attributes, then the method's (so [Authorize] on either applies), then POST with CORS preflight.
        private static (TDelegate Invoker, List<object> Metadata) Bind<TDelegate>(string name, params Type[] parameters) where TDelegate : Delegate
        {
            var handler = typeof(TService).GetMethod(name, BindingFlags.Public | BindingFlags.Instance, parameters)
                ?? throw new InvalidOperationException($"Could not find '{name}' on {typeof(TService)}.");
            var metadata = new List<object>();
            metadata.AddRange(typeof(TService).GetCustomAttributes(inherit: true));
            metadata.AddRange(handler.GetCustomAttributes(inherit: true));
            metadata.Add(new HttpMethodMetadata(["POST"], acceptCorsPreflight: true));
            return ((TDelegate)Delegate.CreateDelegate(typeof(TDelegate), handler), metadata);
        }
    }
}
