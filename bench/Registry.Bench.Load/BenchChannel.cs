using System.Net.Http.Headers;
using Grpc.Net.Client;

namespace Registry.Bench.Load;

/// <summary>A gRPC channel (h2c, one HTTP/2 connection) that sends one API key on every call.</summary>
public static class BenchChannel
{
    public static GrpcChannel Create(Uri address, string apiKey)
    {
        var handler = new BearerHandler(apiKey) { InnerHandler = new SocketsHttpHandler() };
        return GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
    }

    private sealed class BearerHandler(string apiKey) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
