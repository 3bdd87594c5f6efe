using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Registry.Service.Tests.Infrastructure;

namespace Registry.Service.Tests.Samples;

/// <summary>
/// samples/PartnerApp, built from the packed packages (<see cref="PartnerAppFixture"/>), answering over HTTP with the
/// wording docs/partners.md requires; and the packages themselves, read back from the .nupkg files.
/// </summary>
[Collection(ServiceProcessTests.Name)]
public sealed class PartnerAppTests(PartnerAppFixture fixture) : IClassFixture<PartnerAppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SafetyCheck_NoRecord_SaysNoRecordInThisRegistryAndNeverSafe()
    {
        var consentId = await ConsentAsync(PartnerAppFixture.IinWithoutRecord);

        var body = await SafetyCheckAsync(PartnerAppFixture.IinWithoutRecord, consentId);

        Assert.Equal("NO_RECORD", body.GetProperty("outcome").GetString());
        var message = body.GetProperty("message").GetString()!;
        Assert.Contains("no record in this registry", message, StringComparison.Ordinal);
        Assert.DoesNotContain("safe", message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("help").ValueKind);
        Assert.False(string.IsNullOrEmpty(body.GetProperty("auditReceipt").GetString()));
    }

    [Fact]
    public async Task SafetyCheck_RecordFound_ComesWithTheKazakhHelpLines()
    {
        var consentId = await ConsentAsync(PartnerAppFixture.IinWithRecord);

        var body = await SafetyCheckAsync(PartnerAppFixture.IinWithRecord, consentId);

        Assert.Equal("RECORD_FOUND", body.GetProperty("outcome").GetString());
        var help = body.GetProperty("help").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Contains(help, line => line.StartsWith("111", StringComparison.Ordinal));
        Assert.Contains(help, line => line.Contains("risis centre", StringComparison.Ordinal));
        Assert.Contains(body.GetProperty("categories").EnumerateArray(), c => c.GetString()!.StartsWith("protective order", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SafetyCheck_ConsentOfAnotherPerson_IsRefusedAndNotWordedAsAResult()
    {
        var consentId = await ConsentAsync(PartnerAppFixture.IinWithoutRecord);

        using var response = await PostAsync("/safety-check", new { iin = PartnerAppFixture.IinWithRecord, consentId });

        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("CONSENT_SUBJECT_MISMATCH", body.GetProperty("reason").GetString());
        Assert.False(body.TryGetProperty("outcome", out _));
    }

    [Fact]
    public void Packages_ClientDependsOnProtosOfTheSameVersion_AndBothCarryReadmeDocsAndSymbols()
    {
        var client = Path.Combine(fixture.FeedDirectory, $"Registry.Client.{fixture.Version}.nupkg");
        var protos = Path.Combine(fixture.FeedDirectory, $"Registry.Protos.{fixture.Version}.nupkg");

        var (clientSpec, clientFiles) = Read(client);
        var (protosSpec, protosFiles) = Read(protos);

        var ns = clientSpec.Root!.GetDefaultNamespace();
        var dependency = clientSpec.Descendants(ns + "dependency").Single(d => (string?)d.Attribute("id") == "Registry.Protos");
        Assert.Equal(fixture.Version, (string?)dependency.Attribute("version"));
        foreach (var (spec, files, id) in new[] { (clientSpec, clientFiles, "Registry.Client"), (protosSpec, protosFiles, "Registry.Protos") })
        {
            Assert.Equal("README.md", spec.Descendants(ns + "readme").Single().Value);
            Assert.Contains("README.md", files);
            Assert.Equal("MIT", spec.Descendants(ns + "license").Single().Value);
            Assert.Contains($"lib/net10.0/{id}.xml", files);
            Assert.True(File.Exists(Path.ChangeExtension(id == "Registry.Client" ? client : protos, ".snupkg")), $"no .snupkg for {id}");
        }

        Assert.Equal(
            ["protos/registry/v1/admin.proto", "protos/registry/v1/audit.proto", "protos/registry/v1/check.proto",
                "protos/registry/v1/common.proto", "protos/registry/v1/consent.proto"],
            protosFiles.Where(f => f.StartsWith("protos/", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Contains("buildTransitive/Registry.Protos.targets", protosFiles);
    }

    private static (XDocument Spec, IReadOnlyList<string> Files) Read(string nupkg)
    {
        using var zip = ZipFile.OpenRead(nupkg);
        var nuspec = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal) && !e.FullName.Contains('/', StringComparison.Ordinal));
        using var stream = nuspec.Open();
        return (XDocument.Load(stream), [.. zip.Entries.Select(e => e.FullName)]);
    }

    private async Task<string> ConsentAsync(string iin)
    {
        using var response = await PostAsync("/consents", new { iin, evidenceReference = "otp-" + Guid.NewGuid().ToString("N")[..8] });
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"POST /consents: {(int)response.StatusCode} {text}\n{fixture.AppOutput}");
        return JsonDocument.Parse(text).RootElement.GetProperty("consentId").GetString()!;
    }

    private async Task<JsonElement> SafetyCheckAsync(string iin, string consentId)
    {
        using var response = await PostAsync("/safety-check", new { iin, consentId });
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"POST /safety-check: {(int)response.StatusCode} {text}\n{fixture.AppOutput}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task<HttpResponseMessage> PostAsync(string path, object body)
    {
        using var http = new HttpClient { BaseAddress = fixture.AppAddress };
        return await http.PostAsJsonAsync(new Uri(path, UriKind.Relative), body, Ct);
    }
}
