namespace Registry.Client.Tests.Infrastructure;

/// <summary>TestServer answers with HTTP/1.1 in the response's version; the gRPC client insists on HTTP/2.
/// grpc-dotnet's own test fixtures use the same handler.</summary>
public sealed class ResponseVersionHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        response.Version = request.Version;
        return response;
    }
}
