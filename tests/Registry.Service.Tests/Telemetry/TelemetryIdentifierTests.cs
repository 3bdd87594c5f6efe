using System.Diagnostics;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Registry.Protos.V1;
using Registry.Service.Audit;
using Registry.Service.Identity;
using Registry.Service.Tests.Import;
using Registry.Service.Tests.Infrastructure;

namespace Registry.Service.Tests.Telemetry;

/// <summary>
/// Over a scenario that touches every instrument and span (grants, checks answered and refused, a batch, a wrong key, a
/// revoked key, an import, a sequencing cycle), no tag of any measurement and no attribute, name or status of any span
/// holds a consent id, partner id, key id, API key, h1, subject key, case number or audit entry id the scenario used.
/// </summary>
public sealed class TelemetryIdentifierTests : IDisposable
{
    private readonly TelemetryAppFactory _factory = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Scenario_EveryMeasurementAndSpan_CarriesNoIdentifier()
    {
        var scenario = new RegistryScenario(_factory);
        using var recorder = new TelemetryRecorder(_factory);
        var identifiers = new List<string>();
        var created = await scenario.Admin.CreatePartnerAsync(
            new CreatePartnerRequest { Name = "p-" + Guid.NewGuid().ToString("N"), Role = Role.Partner, AllowedPurposes = { Purpose.DatingSafety } }, cancellationToken: Ct);
        var key = created.ApiKey.ApiKey;
        identifiers.AddRange([created.Partner.PartnerId, created.ApiKey.KeyId, key, key[(key.LastIndexOf('_') + 1)..], created.AuditEntryId]);
        var (found, other) = (TestKeys.NewH1(), TestKeys.NewH1());
        var caseNumber = "case-" + Guid.NewGuid().ToString("N");
        identifiers.Add(caseNumber);
        Identify(identifiers, found);
        Identify(identifiers, other);

        await ImportStream.RunAsync(scenario.Admin, [ImportStream.Batch(1, [ImportStream.Row(2, caseNumber, found)])]);
        var grant = await scenario.Consents(key).GrantConsentAsync(scenario.GrantRequest(found, maxUses: 5), cancellationToken: Ct);
        identifiers.AddRange([grant.ConsentId, grant.AuditEntryId]);
        var checks = scenario.Checks(key);
        var answered = await checks.CheckAsync(RegistryScenario.CheckRequest(grant.ConsentId, found), cancellationToken: Ct);
        identifiers.Add(answered.AuditEntryId);
        await Assert.ThrowsAsync<RpcException>(async () => await checks.CheckAsync(RegistryScenario.CheckRequest(grant.ConsentId, other), cancellationToken: Ct));
        var batch = new CheckBatchRequest { Items = { RegistryScenario.CheckRequest(grant.ConsentId, found), RegistryScenario.CheckRequest(grant.ConsentId + "x", other) } };
        await checks.CheckBatchAsync(batch, cancellationToken: Ct);
        var wrong = key[..^4] + (key.EndsWith("0000", StringComparison.Ordinal) ? "1111" : "0000");
        await Assert.ThrowsAsync<RpcException>(async () => await scenario.Checks(wrong).CheckAsync(RegistryScenario.CheckRequest(grant.ConsentId, found), cancellationToken: Ct));
        await scenario.Admin.RevokeApiKeyAsync(new RevokeApiKeyRequest { KeyId = created.ApiKey.KeyId }, cancellationToken: Ct);
        await _factory.Services.GetRequiredService<AuditSequencer>().SequenceOnceAsync(Ct);
        recorder.Observe("registry.audit.queue.depth"); // collects every observable instrument too

        var tagValues = recorder.All.SelectMany(m => m.Tags.Select(t => $"{m.Instrument} {t.Key}={t.Value}")).ToList();
        var spanTexts = _factory.Spans.Spans.SelectMany(SpanTexts).ToList();
        // The collection saw what it should have, so an empty scan cannot pass for a clean one.
        Assert.Contains(tagValues, v => v == "registry.checks reason=CONSENT_SUBJECT_MISMATCH");
        Assert.Contains(tagValues, v => v.StartsWith("registry.import.rows result=inserted", StringComparison.Ordinal));
        Assert.Contains(spanTexts, v => v.Contains("/registry.v1.CheckService/Check", StringComparison.Ordinal));
        Assert.Contains(spanTexts, v => v == "registry.import.batch");
        foreach (var identifier in identifiers)
        {
            Assert.DoesNotContain(tagValues, v => v.Contains(identifier, StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(spanTexts, v => v.Contains(identifier, StringComparison.OrdinalIgnoreCase));
        }
    }

    public void Dispose() => _factory.Dispose();

    /// <summary>An h1 and its subject key, in every text form they could take in a tag.</summary>
    private void Identify(List<string> identifiers, byte[] h1)
    {
        var subjectKey = _factory.Services.GetRequiredService<SubjectKeyRing>().Derive(h1).Value;
        foreach (var bytes in new[] { h1, subjectKey })
        {
            identifiers.Add(Convert.ToHexString(bytes));
            identifiers.Add(Convert.ToBase64String(bytes));
            identifiers.Add(Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_'));
        }
    }

    private static IEnumerable<string> SpanTexts(Activity span)
    {
        yield return span.OperationName;
        yield return span.DisplayName;
        if (span.StatusDescription is { } status)
        {
            yield return status;
        }

        foreach (var (key, value) in span.TagObjects)
        {
            yield return $"{key}={value}";
        }

        foreach (var e in span.Events)
        {
            yield return e.Name;
            foreach (var (key, value) in e.Tags)
            {
                yield return $"{key}={value}";
            }
        }
    }
}
