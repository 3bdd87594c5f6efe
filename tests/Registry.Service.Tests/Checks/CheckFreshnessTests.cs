using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Registry.Protos.V1;
using Registry.Service.Checks;
using Registry.Service.Tests.Audit;
using Registry.Service.Tests.Infrastructure;
using RecordCategory = Registry.Service.Records.RecordCategory;
using RecordStatus = Registry.Service.Records.RecordStatus;

namespace Registry.Service.Tests.Checks;

/// <summary>
/// On one replica, a correction, an expunge, an import or a revocation holds for the very next check, though the check
/// path keeps the consents and record facts it read (<c>Consent.ConsentCache</c>, <c>Records.RecordFactsCache</c>: the
/// factory's clock stands still, so only the change's own invalidation can make these pass); batch items that share a
/// consent never exceed its uses, and a cancelled check stops before it writes anything.
/// </summary>
public sealed class CheckFreshnessTests(RegistryAppFactory factory) : IClassFixture<RegistryAppFactory>
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(RegistryAppFactory.StartTime.UtcDateTime);
    private readonly RegistryScenario _scenario = new(factory);
    private readonly AuditTestLog _log = new(factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Check_AfterCorrectAndExpunge_AnswersFromTheChangedRecord()
    {
        var key = await _scenario.CreatePartnerKeyAsync();
        var h1 = TestKeys.NewH1();
        var caseNumber = await _scenario.SeedRecordAsync(h1, RecordCategory.CriminalConviction, RecordStatus.Active, Today.AddYears(-1));
        var consentId = await _scenario.GrantAsync(key, h1, scope: ConsentScope.Summary, maxUses: 10);
        var checks = _scenario.Checks(key);
        var before = await checks.CheckAsync(RegistryScenario.CheckRequest(consentId, h1), cancellationToken: Ct);
        await _scenario.Admin.CorrectRecordAsync(new CorrectRecordRequest { SourceId = "TEST", CaseNumber = caseNumber, Status = Protos.V1.RecordStatus.Overturned, Reason = "appeal" }, cancellationToken: Ct);
        var overturned = await checks.CheckAsync(RegistryScenario.CheckRequest(consentId, h1), cancellationToken: Ct);
        await _scenario.Admin.CorrectRecordAsync(new CorrectRecordRequest { SourceId = "TEST", CaseNumber = caseNumber, Status = Protos.V1.RecordStatus.Active, Reason = "reversed" }, cancellationToken: Ct);
        var restored = await checks.CheckAsync(RegistryScenario.CheckRequest(consentId, h1), cancellationToken: Ct);
        await _scenario.Admin.ExpungeRecordAsync(new ExpungeRecordRequest { SourceId = "TEST", CaseNumber = caseNumber, Reason = "court order" }, cancellationToken: Ct);

        var expunged = await checks.CheckAsync(RegistryScenario.CheckRequest(consentId, h1), cancellationToken: Ct);

        Assert.Equal(CheckOutcome.RecordFound, before.Outcome);
        Assert.Equal(CheckOutcome.NoRecord, overturned.Outcome);
        Assert.Equal(CheckOutcome.RecordFound, restored.Outcome);
        Assert.Equal(CheckOutcome.NoRecord, expunged.Outcome);
        Assert.Null(expunged.Summary);
    }

    [Fact]
    public async Task Check_AfterAnImportOfTheSubject_FindsTheRecord()
    {
        var key = await _scenario.CreatePartnerKeyAsync();
        var h1 = TestKeys.NewH1();
        var consentId = await _scenario.GrantAsync(key, h1, maxUses: 10);
        var checks = _scenario.Checks(key);
        var before = await checks.CheckAsync(RegistryScenario.CheckRequest(consentId, h1), cancellationToken: Ct);
        var imported = await Import.ImportStream.RunAsync(_scenario.Admin, [Import.ImportStream.Batch(1, [Import.ImportStream.Row(2, "FRESH-" + Guid.NewGuid().ToString("N"), h1)])]);

        var after = await checks.CheckAsync(RegistryScenario.CheckRequest(consentId, h1), cancellationToken: Ct);

        Assert.Equal(1, Assert.Single(imported).Inserted);
        Assert.Equal(CheckOutcome.NoRecord, before.Outcome);
        Assert.Equal(CheckOutcome.RecordFound, after.Outcome);
    }

    [Fact]
    public async Task Check_AfterRevoke_IsRefused()
    {
        var key = await _scenario.CreatePartnerKeyAsync();
        var h1 = TestKeys.NewH1();
        var consentId = await _scenario.GrantAsync(key, h1, maxUses: 10);
        var checks = _scenario.Checks(key);
        await checks.CheckAsync(RegistryScenario.CheckRequest(consentId, h1), cancellationToken: Ct);
        await _scenario.Consents(key).RevokeConsentAsync(new RevokeConsentRequest { ConsentId = consentId }, cancellationToken: Ct);

        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, "CONSENT_REVOKED",
            async () => await checks.CheckAsync(RegistryScenario.CheckRequest(consentId, h1), cancellationToken: Ct));
    }

    [Fact]
    public async Task CheckBatch_ItemsSharingAConsent_UseItAtMostMaxUsesTimes()
    {
        var key = await _scenario.CreatePartnerKeyAsync();
        var h1 = TestKeys.NewH1();
        var consentId = await _scenario.GrantAsync(key, h1, maxUses: 2);
        var request = new CheckBatchRequest();
        request.Items.Add(Enumerable.Range(0, 5).Select(_ => RegistryScenario.CheckRequest(consentId, h1)));

        var response = await _scenario.Checks(key).CheckBatchAsync(request, cancellationToken: Ct);

        Assert.Equal(2, response.Results.Count(r => r.Response is not null));
        Assert.Equal(3, response.Results.Count(r => r.Error is { Code: (int)StatusCode.PermissionDenied }));
        Assert.Equal(2L, await _log.ScalarAsync<long>($"SELECT Uses FROM consents WHERE Id = '{consentId}'"));
        Assert.Equal(5L, await _log.ScalarAsync<long>($"SELECT COUNT(*) FROM audit_entries WHERE ConsentId = '{consentId}' AND Action = 'check'"));
    }

    [Fact]
    public async Task HandleAsync_WhenTheCallIsCancelled_WritesNoEntryAndUsesNothing()
    {
        var (partnerId, key) = await _scenario.CreatePartnerAsync(Role.Partner, Purpose.DatingSafety);
        var h1 = TestKeys.NewH1();
        var consentId = await _scenario.GrantAsync(key, h1, maxUses: 3);
        var sut = factory.Services.GetRequiredService<CheckHandler>();
        var caller = new Registry.Service.Identity.Caller(partnerId, "k", Registry.Service.Partners.PartnerRole.Partner, [Registry.Service.Consent.ConsentPurpose.DatingSafety]);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            await sut.HandleAsync(caller, new CheckCommand(consentId, h1, Registry.Service.Consent.ConsentPurpose.DatingSafety, "r-1"), cancelled.Token));

        Assert.Equal(0L, await _log.ScalarAsync<long>($"SELECT Uses FROM consents WHERE Id = '{consentId}'"));
        Assert.Equal(0L, await _log.ScalarAsync<long>($"SELECT COUNT(*) FROM audit_entries WHERE ConsentId = '{consentId}' AND Action = 'check'"));
    }
}
