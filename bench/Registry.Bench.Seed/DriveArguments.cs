using System.Globalization;

namespace Registry.Bench.Seed;

/// <summary>
/// <c>drive --manifest FILE --urls http://127.0.0.1:P1,http://127.0.0.1:P2 [--case check-use|public-key] [--in-flight 64]
/// [--connections 4] [--seconds 10] [--run-id ID] [--offset 0]</c>: <c>--connections</c> HTTP/2 connections in all,
/// spread over the URLs, and <c>--in-flight</c> calls spread over the connections.
/// </summary>
public sealed record DriveArguments(string Manifest, IReadOnlyList<Uri> Urls, string Case, int InFlight, int Connections, TimeSpan Duration, string RunId, int Offset)
{
    public const string CheckUse = "check-use";
    public const string PublicKey = "public-key";

    public static DriveArguments Parse(IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        string? Text(string name) => values.TryGetValue(name, out var v) ? v : null;
        int Int(string name, int fallback) => Text(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        var urls = (Text("urls") ?? throw new ArgumentException("--urls is required")).Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp ? uri : throw new ArgumentException($"--urls: '{u}' is not an http:// URL (h2c)"))
            .ToArray();
        var kind = Text("case") ?? CheckUse;
        if (kind is not (CheckUse or PublicKey))
        {
            throw new ArgumentException($"--case must be {CheckUse} or {PublicKey}");
        }

        var arguments = new DriveArguments(
            Text("manifest") ?? throw new ArgumentException("--manifest is required"),
            urls,
            kind,
            Int("in-flight", 64),
            Int("connections", Math.Max(urls.Length, 4)),
            TimeSpan.FromSeconds(Int("seconds", 10)),
            Text("run-id") ?? Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4)),
            Int("offset", 0));
        return arguments.Connections < urls.Length || arguments.InFlight < arguments.Connections
            ? throw new ArgumentException("need at least one connection per URL and one call in flight per connection")
            : arguments;
    }
}
