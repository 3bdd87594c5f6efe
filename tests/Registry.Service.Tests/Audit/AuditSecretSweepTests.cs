using System.Text;
using Grpc.Core;
using Registry.Client.Identity;
using Registry.Protos.V1;
using Registry.Service.Tests.Infrastructure;
using RecordCategory = Registry.Service.Records.RecordCategory;
using RecordStatus = Registry.Service.Records.RecordStatus;

namespace Registry.Service.Tests.Audit;

/// <summary>After a scenario that uses every audited action, no audit column holds an h1, a raw identifier or a secret.</summary>
public sealed class AuditSecretSweepTests : IDisposable
{
    private const string Iin = "900521389141";
    private const string FullName = "Сейткали Айдар Нурланович";
    private readonly RegistryAppFactory _factory = new();
    private readonly RegistryScenario _scenario;
    private readonly AuditTestLog _log;

    public AuditSecretSweepTests()
    {
        _scenario = new RegistryScenario(_factory);
        _log = new AuditTestLog(_factory);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AuditEntries_AfterEveryAction_ContainNoH1RawIdentifierOrSecret()
    {
        var byIin = SubjectIdentity.FromIin(Iin);
        var byName = SubjectIdentity.FromNameAndBirthDate(FullName, new DateOnly(1990, 5, 21));
        var secrets = await RunEveryActionAsync(byIin.H1.ToArray(), byName.H1.ToArray());
        var forbidden = new List<string> { Iin, FullName, byName.NormalizedValue, "Сейткали", _factory.AdminApiKey, AuditActors.SecretOf(_factory.AdminApiKey) };
        forbidden.AddRange(secrets.SelectMany(k => new[] { k, AuditActors.SecretOf(k) }));
        var h1s = new[] { byIin.H1.ToArray(), byName.H1.ToArray() };
        forbidden.AddRange(h1s.SelectMany(h => new[] { Convert.ToHexString(h), Convert.ToBase64String(h), Convert.ToBase64String(h).TrimEnd('=').Replace('+', '-').Replace('/', '_') }));

        var rows = await _log.RowsAsync();

        Assert.True(rows.Select(r => (string)r["Action"]!).Distinct().Count() >= 15, "the scenario must exercise every action");
        foreach (var (column, value) in rows.SelectMany(r => r))
        {
            var bytes = value switch { byte[] b => b, string s => Encoding.UTF8.GetBytes(s), null => [], _ => Encoding.UTF8.GetBytes(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!) };
            var text = value as string ?? string.Empty;
            foreach (var h1 in h1s)
            {
                Assert.False(bytes.AsSpan().IndexOf(h1) >= 0, $"an h1 is stored in column {column}");
            }

            Assert.False(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(Iin)) >= 0, $"the raw IIN is stored in column {column}");
            foreach (var item in forbidden)
            {
                Assert.False(text.Contains(item, StringComparison.OrdinalIgnoreCase), $"a secret or raw identifier is stored in column {column}");
            }
        }
    }

    public void Dispose() => _factory.Dispose();

    /// <summary>Uses every audited action once at least; returns the API keys it handled.</summary>
    private async Task<List<string>> RunEveryActionAsync(byte[] iinH1, byte[] nameH1)
    {
        var admin = _scenario.Admin;
        var (partnerId, key) = await _scenario.CreatePartnerAsync(Role.Partner, Purpose.DatingSafety);
        var issued = await admin.IssueApiKeyAsync(new IssueApiKeyRequest { PartnerId = partnerId }, cancellationToken: Ct);
        var caseNumber = await _scenario.SeedRecordAsync(iinH1, RecordCategory.CriminalConviction, RecordStatus.Active, new DateOnly(2025, 1, 10));
        var consentId = await _scenario.GrantAsync(key, iinH1, maxUses: 1);
        await _scenario.Checks(key).CheckAsync(RegistryScenario.CheckRequest(consentId, iinH1), cancellationToken: Ct); // record found
        await Assert.ThrowsAsync<RpcException>(async () => await _scenario.Checks(key).CheckAsync(RegistryScenario.CheckRequest(consentId, iinH1), cancellationToken: Ct)); // used up
        var nameConsent = await _scenario.GrantAsync(issued.ApiKey.ApiKey, nameH1);
        await _scenario.Checks(issued.ApiKey.ApiKey).CheckAsync(RegistryScenario.CheckRequest(nameConsent, nameH1), cancellationToken: Ct); // no record
        await Assert.ThrowsAsync<RpcException>(async () => await _scenario.Consents(key).GrantConsentAsync(_scenario.GrantRequest(nameH1, Purpose.TenancyScreening), cancellationToken: Ct));
        await _scenario.Consents(key).RevokeConsentAsync(new RevokeConsentRequest { ConsentId = nameConsent }, cancellationToken: Ct);
        await admin.CorrectRecordAsync(new CorrectRecordRequest { SourceId = "TEST", CaseNumber = caseNumber, Status = Protos.V1.RecordStatus.Overturned, Reason = "appeal" }, cancellationToken: Ct);
        await admin.ExpungeRecordAsync(new ExpungeRecordRequest { SourceId = "TEST", CaseNumber = caseNumber, Reason = "court order" }, cancellationToken: Ct);
        await admin.RevokeApiKeyAsync(new RevokeApiKeyRequest { KeyId = issued.ApiKey.KeyId }, cancellationToken: Ct);
        await admin.SetPartnerSuspendedAsync(new SetPartnerSuspendedRequest { PartnerId = partnerId, Suspended = true, Reason = "probe" }, cancellationToken: Ct);
        await admin.SetPartnerSuspendedAsync(new SetPartnerSuspendedRequest { PartnerId = partnerId, Suspended = false, Reason = "cleared" }, cancellationToken: Ct);
        await _log.SequenceAsync();
        var (_, auditorKey) = await _scenario.CreatePartnerAsync(Role.Auditor);
        await RunAuditorCallsAsync(new AuditService.AuditServiceClient(_factory.CreateChannel(auditorKey)));
        return [key, issued.ApiKey.ApiKey, auditorKey];
    }

    private async Task RunAuditorCallsAsync(AuditService.AuditServiceClient auditor)
    {
        var anyEntry = (await _log.RowsAsync("Sequence = 1")).Single()["Id"]!.ToString()!;
        await auditor.QueryAuditLog(new QueryAuditLogRequest(), cancellationToken: Ct).ResponseStream.ReadAllAsync(Ct).ToListAsync(Ct);
        await auditor.VerifyAuditLogAsync(new VerifyAuditLogRequest(), cancellationToken: Ct);
        await auditor.ListCheckpointsAsync(new ListCheckpointsRequest(), cancellationToken: Ct);
        await auditor.GetInclusionProofAsync(new GetInclusionProofRequest { EntryId = anyEntry }, cancellationToken: Ct);
        await auditor.GetConsistencyProofAsync(new GetConsistencyProofRequest { FirstSize = 1 }, cancellationToken: Ct);
        await auditor.ExportAuditLog(new ExportAuditLogRequest(), cancellationToken: Ct).ResponseStream.ReadAllAsync(Ct).ToListAsync(Ct);
        await auditor.GetPublicKeyAsync(new GetPublicKeyRequest(), cancellationToken: Ct);
    }
}
