using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using Registry.Protos.V1;

namespace Registry.Bench.Seed;

/// <summary>
/// A closed-loop HTTP/2 (h2c) load driver for what h2load cannot send: a different body on every call. In the
/// <c>check-use</c> case each call checks the next RECORD_FOUND consent of the manifest with a request id of its own,
/// so every call is a first, real use (an audit entry and a use-count UPDATE committed together), not a retry;
/// <c>public-key</c> is the same driver's baseline. Calls are spread over the replicas per call (round-robin over
/// the connections, as a gRPC-aware balancer does). Success = HTTP 200 with <c>grpc-status: 0</c> and, for checks,
/// the manifest's outcome; anything else counts as an error, and the first few are printed to stderr.
/// </summary>
/// <remarks>
/// The .NET HTTP/2 client costs more CPU per call than h2load: the script reports this process's CPU beside the
/// service's, and compares a check only with the same driver's <c>public-key</c>.
/// </remarks>
public sealed class Http2Driver(DriveArguments arguments, TextWriter output, TextWriter errors)
{
    private const int PrintedErrors = 5;
    private int _errorsPrinted;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var manifest = SeedManifest.Read(arguments.Manifest);
        var found = manifest.Consents.Where(c => c.Expected == SeedManifest.RecordFound).ToArray();
        if (found.Length == 0)
        {
            throw new InvalidOperationException("The manifest has no RECORD_FOUND consent.");
        }

        var key = arguments.Case == DriveArguments.CheckUse ? manifest.Partner.ApiKey : manifest.Auditor.ApiKey;
        var path = arguments.Case == DriveArguments.CheckUse ? "/registry.v1.CheckService/Check" : "/registry.v1.AuditService/GetPublicKey";
        var publicKeyBody = GrpcBodies.Frame(new GetPublicKeyRequest());
        var clients = Enumerable.Range(0, arguments.Connections).Select(i => Client(arguments.Urls[i % arguments.Urls.Count])).ToArray();
        var next = (long)-1;
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var deadline = Stopwatch.GetTimestamp() + (long)(arguments.Duration.TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, arguments.InFlight).Select(w => Task.Run(async () =>
        {
            var client = clients[w % clients.Length];
            var target = new Uri(client.BaseAddress!, path);
            var latencies = new List<long>(1 << 16);
            var failed = 0L;
            while (Stopwatch.GetTimestamp() < deadline && !cancellationToken.IsCancellationRequested)
            {
                var n = Interlocked.Increment(ref next);
                var body = arguments.Case == DriveArguments.CheckUse
                    ? GrpcBodies.Frame(Check(found[(int)((arguments.Offset + n) % found.Length)], $"scale-{arguments.RunId}-{n}"))
                    : publicKeyBody;
                var start = Stopwatch.GetTimestamp();
                var ok = await CallAsync(client, target, key, body, cancellationToken);
                if (ok)
                {
                    latencies.Add(Stopwatch.GetTimestamp() - start);
                }
                else
                {
                    failed++;
                }
            }

            return (latencies, failed);
        }, cancellationToken)).ToArray();
        var results = await Task.WhenAll(workers);
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        foreach (var client in clients)
        {
            client.Dispose();
        }

        var all = results.SelectMany(r => r.latencies).Select(t => t * 1000.0 / Stopwatch.Frequency).Order().ToArray();
        var failures = results.Sum(r => r.failed);
        var seconds = arguments.Duration.TotalSeconds;
        var p99 = all.Length == 0 ? double.NaN : all[Math.Min(all.Length - 1, (int)Math.Ceiling(all.Length * 0.99) - 1)];
        // The script's h2load columns (calls calls/s mean_ms p99_ms max_ms errors), then this process's CPU ms over the
        // window (its start-up and the manifest's parsing excluded).
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{all.Length} {all.Length / seconds:F1} {(all.Length == 0 ? double.NaN : all.Average()):F3} {p99:F3} {(all.Length == 0 ? double.NaN : all[^1]):F3} {failures} {cpu.TotalMilliseconds:F0}"));
        return 0;
    }

    private async Task<bool> CallAsync(HttpClient client, Uri target, string key, byte[] body, CancellationToken cancellationToken)
    {
        // h2c with prior knowledge: a request message of its own does not take the client's default version.
        using var request = new HttpRequestMessage(HttpMethod.Post, target)
        {
            Content = new ByteArrayContent(body),
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.TE.Add(new TransferCodingWithQualityHeaderValue("trailers"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var status = Status(response.TrailingHeaders) ?? Status(response.Headers);
            if (response.StatusCode != HttpStatusCode.OK || status != "0")
            {
                return Fail($"HTTP {(int)response.StatusCode}, grpc-status {status ?? "none"} {First(response.TrailingHeaders, "grpc-message") ?? First(response.Headers, "grpc-message")}");
            }

            if (arguments.Case == DriveArguments.CheckUse)
            {
                var length = (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(1));
                var outcome = CheckResponse.Parser.ParseFrom(bytes, 5, length).Outcome;
                if (outcome != CheckOutcome.RecordFound)
                {
                    return Fail($"outcome {outcome}, expected RECORD_FOUND");
                }
            }

            return true;
        }
        catch (HttpRequestException ex)
        {
            return Fail(ex.Message);
        }
    }

    private bool Fail(string message)
    {
        if (Interlocked.Increment(ref _errorsPrinted) <= PrintedErrors)
        {
            errors.WriteLine("drive: " + message);
        }

        return false;
    }

    private static string? Status(HttpHeaders headers) => First(headers, "grpc-status");

    private static string? First(HttpHeaders headers, string name) => headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static HttpClient Client(Uri url) => new(new SocketsHttpHandler
    {
        // One handler, one HTTP/2 connection: its streams stay under the server's limit (Kestrel: 100).
        EnableMultipleHttp2Connections = false,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
    })
    {
        BaseAddress = url,
        DefaultRequestVersion = HttpVersion.Version20,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        Timeout = TimeSpan.FromSeconds(30),
    };

    private static CheckRequest Check(SeedConsent consent, string requestId) => new()
    {
        ConsentId = consent.ConsentId,
        H1 = ByteString.FromBase64(consent.H1),
        Purpose = Purpose.DatingSafety,
        RequestId = requestId,
    };
}
