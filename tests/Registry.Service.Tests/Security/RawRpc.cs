using Google.Protobuf.Reflection;
using Grpc.Core;
using Registry.Service.Tests.Infrastructure;

namespace Registry.Service.Tests.Security;

/// <summary>
/// Calls any RPC from its descriptor with an empty (all-default) request message, whatever its shape: unary, server
/// streaming (the first response or the end is enough), client or bidirectional streaming (the request stream is closed at
/// once). An empty message is a valid encoding of every request type, so what answers is the pipeline and the handler,
/// never the parser.
/// </summary>
public static class RawRpc
{
    private static readonly Marshaller<byte[]> Bytes = Marshallers.Create(static b => b, static b => b);

    public static async Task<RpcOutcome> CallAsync(CallInvoker invoker, MethodDescriptor method, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invoker);
        ArgumentNullException.ThrowIfNull(method);
        var type = (method.IsClientStreaming, method.IsServerStreaming) switch
        {
            (false, false) => MethodType.Unary,
            (false, true) => MethodType.ServerStreaming,
            (true, false) => MethodType.ClientStreaming,
            (true, true) => MethodType.DuplexStreaming,
        };
        var rpc = new Method<byte[], byte[]>(type, method.Service.FullName, method.Name, Bytes, Bytes);
        var options = new CallOptions(cancellationToken: cancellationToken);
        try
        {
            switch (type)
            {
                case MethodType.Unary:
                    await invoker.AsyncUnaryCall(rpc, null, options, []);
                    break;
                case MethodType.ServerStreaming:
                {
                    using var call = invoker.AsyncServerStreamingCall(rpc, null, options, []);
                    await call.ResponseStream.MoveNext(cancellationToken);
                    break;
                }

                case MethodType.ClientStreaming:
                {
                    using var call = invoker.AsyncClientStreamingCall(rpc, null, options);
                    await CompleteAsync(call.RequestStream);
                    await call.ResponseAsync;
                    break;
                }

                default:
                {
                    using var call = invoker.AsyncDuplexStreamingCall(rpc, null, options);
                    await CompleteAsync(call.RequestStream);
                    await call.ResponseStream.MoveNext(cancellationToken);
                    break;
                }
            }

            return new RpcOutcome(StatusCode.OK, null);
        }
        catch (RpcException ex)
        {
            return new RpcOutcome(ex.StatusCode, RpcAssert.Reason(ex));
        }
    }

    private static async Task CompleteAsync(IClientStreamWriter<byte[]> requests)
    {
        try
        {
            await requests.CompleteAsync();
        }
        catch (RpcException)
        {
            // The call already ended (refused before the request stream was read); its status says why.
        }
    }
}

/// <summary>How a call ended: its status code and, for an error, its <c>ErrorInfo.reason</c> when it carried one.</summary>
public sealed record RpcOutcome(StatusCode Code, string? Reason);
