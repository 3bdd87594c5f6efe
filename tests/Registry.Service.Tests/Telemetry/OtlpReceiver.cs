using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Registry.Service.Tests.Telemetry;

/// <summary>
/// A stand-in OTLP/HTTP collector on 127.0.0.1 (a free port): keeps the path and raw protobuf body of every export it
/// receives and answers 200 with an empty Export*ServiceResponse (an empty protobuf message is zero bytes).
/// </summary>
public sealed class OtlpReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<(string Path, string ContentType, byte[] Body)> _exports = new();
    private readonly Task _accepting;

    public OtlpReceiver()
    {
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port { get; }

    public Uri Endpoint => new($"http://127.0.0.1:{Port}");

    public IReadOnlyList<(string Path, string ContentType, byte[] Body)> Exports => [.. _exports];

    /// <summary>An endpoint on 127.0.0.1 at a port that was free a moment ago: a collector that is down.</summary>
    public static Uri UnusedEndpoint() => new($"http://127.0.0.1:{FreePort()}");

    /// <summary>Whether an export to <paramref name="path"/> held <paramref name="text"/> (names travel as plain UTF-8 in protobuf).</summary>
    public bool Received(string path, string text)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        return Exports.Any(e => e.Path == path && e.Body.AsSpan().IndexOf(bytes) >= 0);
    }

    public void Dispose()
    {
        _listener.Close();
        try
        {
            _accepting.GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
        {
            // Closing the listener ends the accept loop.
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task AcceptAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            _exports.Enqueue((context.Request.Url!.AbsolutePath, context.Request.ContentType ?? "", body.ToArray()));
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }
}
