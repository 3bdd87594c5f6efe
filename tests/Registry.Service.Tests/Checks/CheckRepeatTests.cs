using Grpc.Core;
using Registry.Protos.V1;
using Registry.Service.Tests.Audit;
using Registry.Service.Tests.Infrastructure;
using RecordCategory = Registry.Service.Records.RecordCategory;
using RecordStatus = Registry.Service.Records.RecordStatus;

namespace Registry.Service.Tests.Checks;

/// <summary>
/// A retried check (same request id) uses the consent no further. While its answer is unchanged it is given the first
/// answer again under the first audit entry, and nothing more is written: one check, one entry. When the answer has
/// changed since, the retry is a new disclosure and is audited as a repeat.
/// </summary>
public sealed class CheckRepeatTests(RegistryAppFactory factory) : IClassFixture<RegistryAppFactory>
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(RegistryAppFactory.StartTime.UtcDateTime);
    private readonly RegistryScenario _scenario = new(factory);
    private readonly AuditTestLog _log = new(factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Check_SameRequestIdTwice_IsAnsweredAgainUnderTheFirstEntryAndAuditedOnce()
    {
        var key = await _scenario.CreatePartnerKeyAsync();
        var h1 = TestKeys.NewH1();
        var consentId = await _scenario.GrantAsync(key, h1, maxUses: 3);
        var request = RegistryScenario.CheckRequest(consentId, h1);
        var first = await _scenario.Checks(key).CheckAsync(request, cancellationToken: Ct);

        var again = await _scenario.Checks(key).CheckAsync(request, cancellationToken: Ct);

        Assert.Equal(first, again);
        Assert.Equal(2, again.ConsentUsesRemaining);
        Assert.Equal(1, await UsesAsync(key, consentId));
        var entries = await EntriesAsync(request.RequestId);
        Assert.Equal(first.AuditEntryId, Assert.Single(entries)["Id"]);
    }

    [Fact]
    public async Task Check_SummaryRetryWithTheSameRecords_IsTheSameSummaryUnderTheFirstEntry()
    {
        var key = await _scenario.CreatePartnerKeyAsync();
        var h1 = TestKeys.NewH1();
        await _scenario.SeedRecordAsync(h1, RecordCategory.ProtectiveOrder, RecordStatus.Active, Today.AddMonths(-2), expiresAt: Today.AddMonths(1));
        await _scenario.SeedRecordAsync(h1, RecordCategory.CriminalConviction, RecordStatus.Active, Today.AddYears(-2));
        var consentId = await _scenario.GrantAsync(key, h1, scope: ConsentScope.Summary, maxUses: 2);
        var request = RegistryScenario.CheckRequest(consentId, h1);
        var first = await _scenario.Checks(key).CheckAsync(request, cancellationToken: Ct);

        var again = await _scenario.Checks(key).CheckAsync(request, cancellationToken: Ct);

        Assert.Equal(CheckOutcome.RecordFound, first.Outcome);
        Assert.Equal(2, first.Summary.Categories.Count);
        Assert.Equal(first, again);
        Assert.Single(await EntriesAsync(request.RequestId));
    }

    [Fact]
    public async Task Check_RetryAfterTheAnswerChanged_IsAuditedAsARepeatWithTheNewAnswerAndNoNewUse()
    {
        var key = await _scenario.CreatePartnerKeyAsync();
        var h1 = TestKeys.NewH1();
        var caseNumber = await _scenario.SeedRecordAsync(h1, RecordCategory.CriminalConviction, RecordStatus.Active, Today.AddYears(-1));
        var consentId = await _scenario.GrantAsync(key, h1, scope: ConsentScope.Summary, maxUses: 2);
        var request = RegistryScenario.CheckRequest(consentId, h1);
        var first = await _scenario.Checks(key).CheckAsync(request, cancellationToken: Ct);
        await _scenario.Admin.ExpungeRecordAsync(
            new ExpungeRecordRequest { SourceId = "TEST", CaseNumber = caseNumber, Reason = "court order 7" }, cancellationToken: Ct);

        var retried = await _scenario.Checks(key).CheckAsync(request, cancellationToken: Ct);

        Assert.Equal(CheckOutcome.RecordFound, first.Outcome);
        Assert.Equal(CheckOutcome.NoRecord, retried.Outcome);
        Assert.NotEqual(first.AuditEntryId, retried.AuditEntryId);
        Assert.Equal(1, retried.ConsentUsesRemaining);
        Assert.Equal(1, await UsesAsync(key, consentId));
        var repeat = Assert.Single(await EntriesAsync(request.RequestId), e => (string)e["Id"]! == retried.AuditEntryId);
        Assert.Equal(("no_record", "REPEATED_REQUEST"), ((string)repeat["Outcome"]!, (string)repeat["Reason"]!));
        Assert.Equal(2, (await EntriesAsync(request.RequestId)).Count);
    }

    [Fact]
    public async Task Check_RetryAfterTheLastUse_IsAnsweredNotRefused()
    {
        var key = await _scenario.CreatePartnerKeyAsync();
        var h1 = TestKeys.NewH1();
        var consentId = await _scenario.GrantAsync(key, h1, maxUses: 1);
        var request = RegistryScenario.CheckRequest(consentId, h1);
        var first = await _scenario.Checks(key).CheckAsync(request, cancellationToken: Ct);

        var retried = await _scenario.Checks(key).CheckAsync(request, cancellationToken: Ct);

        Assert.Equal(first, retried);
        Assert.Equal(CheckOutcome.NoRecord, retried.Outcome);
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, "CONSENT_USED_UP",
            async () => await _scenario.Checks(key).CheckAsync(RegistryScenario.CheckRequest(consentId, h1), cancellationToken: Ct));
    }

    [Fact]
    public async Task Check_RetryAfterRevocation_IsRefusedAndTheRefusalAudited()
    {
        var key = await _scenario.CreatePartnerKeyAsync();
        var h1 = TestKeys.NewH1();
        var consentId = await _scenario.GrantAsync(key, h1, maxUses: 2);
        var request = RegistryScenario.CheckRequest(consentId, h1);
        await _scenario.Checks(key).CheckAsync(request, cancellationToken: Ct);
        await _scenario.Consents(key).RevokeConsentAsync(new RevokeConsentRequest { ConsentId = consentId }, cancellationToken: Ct);

        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, "CONSENT_REVOKED",
            async () => await _scenario.Checks(key).CheckAsync(request, cancellationToken: Ct));

        Assert.Equal(["CONSENT_REVOKED", null], (await EntriesAsync(request.RequestId)).Select(e => e["Reason"] as string).Order().Reverse());
    }

    [Fact]
    public async Task Check_RetryOfAnEarlierCheckAfterANewerOne_UsesTheConsentAgain()
    {
        var key = await _scenario.CreatePartnerKeyAsync();
        var h1 = TestKeys.NewH1();
        var consentId = await _scenario.GrantAsync(key, h1, maxUses: 3);
        var first = RegistryScenario.CheckRequest(consentId, h1);
        await _scenario.Checks(key).CheckAsync(first, cancellationToken: Ct);
        await _scenario.Checks(key).CheckAsync(RegistryScenario.CheckRequest(consentId, h1), cancellationToken: Ct);

        var late = await _scenario.Checks(key).CheckAsync(first, cancellationToken: Ct);

        Assert.Equal(0, late.ConsentUsesRemaining);
        Assert.Equal(2, (await EntriesAsync(first.RequestId)).Count);
    }

    [Fact]
    public async Task CheckBatch_RepeatedItems_AreAnsweredUnderTheirFirstEntriesAndWriteNothing()
    {
        var key = await _scenario.CreatePartnerKeyAsync();
        var subjects = Enumerable.Range(0, 3).Select(_ => TestKeys.NewH1()).ToArray();
        await _scenario.SeedRecordAsync(subjects[0], RecordCategory.AdministrativeOffense, RecordStatus.Active, Today.AddMonths(-3));
        var request = new CheckBatchRequest();
        foreach (var h1 in subjects)
        {
            request.Items.Add(RegistryScenario.CheckRequest(await _scenario.GrantAsync(key, h1, maxUses: 2), h1));
        }

        var first = await _scenario.Checks(key).CheckBatchAsync(request, cancellationToken: Ct);
        var entriesBefore = await _log.ScalarAsync<long>("SELECT COUNT(*) FROM audit_entries");

        var again = await _scenario.Checks(key).CheckBatchAsync(request, cancellationToken: Ct);

        Assert.Equal(first, again);
        Assert.Equal(CheckOutcome.RecordFound, again.Results[0].Response.Outcome);
        Assert.All(again.Results, r => Assert.Equal(1, r.Response.ConsentUsesRemaining));
        Assert.Equal(entriesBefore, await _log.ScalarAsync<long>("SELECT COUNT(*) FROM audit_entries"));
    }

    private async Task<int> UsesAsync(string key, string consentId) =>
        (await _scenario.Consents(key).GetConsentAsync(new GetConsentRequest { ConsentId = consentId }, cancellationToken: Ct)).Consent.Uses;

    private Task<List<Dictionary<string, object?>>> EntriesAsync(string requestId) =>
        _log.RowsAsync($"Action = 'check' AND RequestId = '{requestId}'");
}
