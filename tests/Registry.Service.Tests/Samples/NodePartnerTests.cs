using System.Text.RegularExpressions;
using Registry.Service.Tests.Audit;
using Registry.Service.Tests.Infrastructure;

namespace Registry.Service.Tests.Samples;

/// <summary>
/// The Node.js partner sample (samples/node-partner) against the real service on a real port: its own identity tests,
/// then its grant → check → revoke → check flow, and what the service's audit log recorded of it.
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
