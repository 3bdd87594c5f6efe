using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Registry.Service.Tests.Audit;
using Registry.Service.Tests.Infrastructure;

namespace Registry.Service.Tests.Samples;

/// <summary>
/// The Node.js partner sample (samples/node-partner): its own identity tests (every vector of docs/identity.md), its
/// name normalisation against the .NET SDK's on this machine, and its grant → check → revoke → check flow against the
/// real service on a real port, with what the service's audit log recorded of it.
/// </summary>
public sealed partial class NodePartnerTests : IClassFixture<NodePartnerTests.KestrelAppFactory>
{
    private readonly KestrelAppFactory _factory;
    private readonly RegistryScenario _scenario;
    private readonly AuditTestLog _log;

    public NodePartnerTests(KestrelAppFactory factory)
    {
        NodeSample.SkipUnlessAvailable();
        _factory = factory;
        _scenario = new RegistryScenario(factory);
        _log = new AuditTestLog(factory);
    }

    [Fact]
    public async Task NpmTest_IdentityVectorsOfTheDoc_AllPass()
    {
        var result = await NodeSample.RunAsync("test", new Dictionary<string, string>());

        Assert.True(result.ExitCode == 0, $"npm test exited {result.ExitCode}:\n{result.Output}");
        Assert.Matches(@"(?m)^# fail 0$", result.Output);
        Assert.DoesNotMatch(@"(?m)^# pass 0$", result.Output);
    }

    [Fact]
    public async Task NpmStart_AgainstTheService_GrantsChecksRevokesAndIsRefusedWithTheReason()
    {
        var apiKey = await _scenario.CreatePartnerKeyAsync();
        var environment = new Dictionary<string, string>
        {
            ["REGISTRY_SERVER"] = _factory.BaseAddress.ToString().TrimEnd('/'),
            ["REGISTRY_API_KEY"] = apiKey,
        };

        var result = await NodeSample.RunAsync("start", environment);

        Assert.True(result.ExitCode == 0, $"npm start exited {result.ExitCode}:\n{result.Output}");
        Assert.DoesNotContain(apiKey, result.Output, StringComparison.Ordinal);
        var consentId = GrantedLine().Match(result.Output) is { Success: true } granted
            ? granted.Groups["consent"].Value
            : throw new Xunit.Sdk.XunitException($"no 'granted consent' line:\n{result.Output}");
        var checkReceipt = CheckLine().Match(result.Output) is { Success: true } check
            ? check.Groups["receipt"].Value
            : throw new Xunit.Sdk.XunitException($"no 'check: NO_RECORD' line:\n{result.Output}");
        Assert.Contains("check after revoke: refused, PERMISSION_DENIED CONSENT_REVOKED: ", result.Output, StringComparison.Ordinal);
        var checks = await _log.RowsAsync($"Action = 'check' AND ConsentId = '{consentId}'");
        Assert.Contains(checks, row => (string)row["Id"]! == checkReceipt);
        Assert.Contains(checks, row => (string?)row["Reason"] == "CONSENT_REVOKED");
    }

    [Fact]
    public async Task NodeNameNormalizer_EveryCodePointOfPlanes0And1AndEveryDecomposition_EqualsTheSdk()
    {
        // Beyond the doc's vectors: the port must give the .NET SDK's answer on this machine (its ICU) for any name. Each
        // code point between two letters, and every canonical or compatibility decomposition, spelled out.
        var names = new List<string>();
        for (var cp = 0; cp <= 0x1FFFF; cp++)
        {
            if (cp is >= 0xD800 and <= 0xDFFF)
            {
                continue;
            }

            var c = char.ConvertFromUtf32(cp);
            names.Add("A" + c + "B");
            if (cp != 0xFFFE && !HasUnassigned(c) && !c.IsNormalized(NormalizationForm.FormKD)) // .NET refuses to normalise U+FFFE
            {
                names.Add("е" + c.Normalize(NormalizationForm.FormKD) + " ж");
            }
        }

        var input = string.Join('\n', names.Select(n => JsonSerializer.Serialize(n))) + "\n";

        var output = await NodeSample.RunNodeAsync("scripts/normalize-names.mjs", input);

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(names.Count, lines.Length);
        var mismatches = names.Select((name, i) => (Name: name, Sdk: SdkResult(name), Node: JsonSerializer.Deserialize<JsonElement>(lines[i])))
            .Where(r => r.Sdk != Describe(r.Node))
            .Select(r => $"{string.Join(' ', r.Name.EnumerateRunes().Select(x => $"U+{x.Value:X4}"))}: SDK {r.Sdk}, Node {Describe(r.Node)}")
            .ToList();
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {names.Count} names differ, e.g.\n{string.Join('\n', mismatches.Take(10))}");
    }

    private static bool HasUnassigned(string text) =>
        text.EnumerateRunes().Any(r => Rune.GetUnicodeCategory(r) == System.Globalization.UnicodeCategory.OtherNotAssigned);

    private static string SdkResult(string name) =>
        Registry.Client.Identity.NameNormalizer.TryNormalize(name, out var normalized, out var error) ? "=" + normalized : "!" + error!.Rule;

    private static string Describe(JsonElement node) =>
        node.TryGetProperty("rule", out var rule) ? "!" + rule.GetString() : "=" + node.GetProperty("normalized").GetString();

    [GeneratedRegex(@"(?m)^granted consent (?<consent>\S+) ")]
    private static partial Regex GrantedLine();

    [GeneratedRegex(@"(?m)^check: NO_RECORD \(.*audit receipt (?<receipt>[^\s)]+)\)$")]
    private static partial Regex CheckLine();

    /// <summary>The in-process service on Kestrel, its fake clock set to the real time: the sample stamps its consent
    /// evidence with the machine's clock, which the service refuses if it is ahead of the service's.</summary>
    public sealed class KestrelAppFactory : RegistryAppFactory
    {
        public KestrelAppFactory()
        {
            WithKestrel();
            var now = TimeProvider.System.GetUtcNow();
            if (now > Clock.GetUtcNow())
            {
                Clock.SetUtcNow(now);
            }
        }
    }
}
