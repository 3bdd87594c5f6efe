using Grpc.Net.Client;

namespace Registry.Client.Internal;

/// <summary>Creates the gRPC channel of a client.</summary>
internal static class RegistryChannelFactory
{
    public static GrpcChannel Create(Uri endpoint, RegistryClientOptions options) =>
        GrpcChannel.ForAddress(endpoint, new GrpcChannelOptions
        {
            HttpHandler = options.HttpHandler ?? new SocketsHttpHandler
            {
                EnableMultipleHttp2Connections = true,
                PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
                KeepAlivePingDelay = TimeSpan.FromSeconds(60),
                KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
            },
            // A caller's handler is the caller's to dispose.
            DisposeHttpClient = options.HttpHandler is null,
            // Off, because with it on a DeadlineExceeded status sent by the server would also surface as a cancellation;
            // RegistryCallInvoker turns a failure after our own token fired into OperationCanceledException instead.
            ThrowOperationCanceledOnCancellation = false,
            // No ServiceConfig: the channel's own retries stay off, so they never multiply with the Polly retries.
            ServiceConfig = null,
        });
}
