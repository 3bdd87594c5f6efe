using System.Net;
using System.Net.Http.Headers;
using Grpc.Core;

namespace Registry.Service.Tests.Fuzz;

/// <summary>
/// Sends raw gRPC request bodies (frames built by hand, any bytes at all) over HTTP/2 through the test server's handler,
/// so they pass through the real pipeline (authentication, routing, framing, parsing, interceptors), and reads the
/// status as a gRPC client would: the grpc-status trailer, else the header (trailers-only), else the HTTP status.
/// </summary>
public sealed class GrpcWire(HttpMessageHandler handler, Uri baseAddress) : IDisposable
{
    private readonly HttpClient _client = new(handler) { BaseAddress = baseAddress };

    public static byte[] Frame(ReadOnlySpan<byte> message, byte flag = 0)
    {
        var frame = new byte[5 + message.Length];
        frame[0] = flag;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)message.Length);
        message.CopyTo(frame.AsSpan(5));
        return frame;
    }

    public async Task<(StatusCode Code, string Message)> CallAsync(
        string method, byte[] body, string? bearer, string? encoding, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, method.TrimStart('/'))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.TryAddWithoutValidation("te", "trailers");
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        if (encoding is not null)
        {
            request.Headers.TryAddWithoutValidation("grpc-encoding", encoding);
        }

        using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await using (var stream = await response.Content.ReadAsStreamAsync(cancellationToken))
        {
            await stream.CopyToAsync(Stream.Null, cancellationToken);
        }

        var status = Header(response.TrailingHeaders, "grpc-status") ?? Header(response.Headers, "grpc-status");
        var message = Uri.UnescapeDataString(Header(response.TrailingHeaders, "grpc-message") ?? Header(response.Headers, "grpc-message") ?? string.Empty);
        return status is not null && int.TryParse(status, out var code) ? ((StatusCode)code, message) : (FromHttp(response.StatusCode), message);
    }

    public void Dispose() => _client.Dispose();

    private static string? Header(HttpHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    // https://github.com/grpc/grpc/blob/master/doc/http-grpc-status-mapping.md
    private static StatusCode FromHttp(HttpStatusCode code) => code switch
    {
        HttpStatusCode.BadRequest => StatusCode.Internal,
        HttpStatusCode.Unauthorized => StatusCode.Unauthenticated,
        HttpStatusCode.Forbidden => StatusCode.PermissionDenied,
        HttpStatusCode.NotFound => StatusCode.Unimplemented,
        HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout
            => StatusCode.Unavailable,
        _ => StatusCode.Unknown,
    };
}
