using Google.Type;
using Grpc.Core;
using Registry.Protos.V1;
using Registry.Service.Audit;
using Registry.Service.Tests.Infrastructure;
using RecordCategory = Registry.Service.Records.RecordCategory;
using RecordStatus = Registry.Service.Records.RecordStatus;

namespace Registry.Service.Tests.Audit;

/// <summary>Each consent, check and admin action of spec §5 writes exactly one entry with the call's fields.</summary>
public sealed class AuditActionEntryTests(RegistryAppFactory factory) : IClassFixture<RegistryAppFactory>
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(RegistryAppFactory.StartTime.UtcDateTime);
    private readonly RegistryScenario _scenario = new(factory);
    private readonly AuditTestLog _log = new(factory);
    private readonly AuditActors _actors = new(factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GrantConsent_Granted_WritesExactlyOneEntryWithTheCallsFields()
    {
        var (partnerId, key) = await _scenario.CreatePartnerAsync(Role.Partner, Purpose.PersonalSafety);
        var h1 = TestKeys.NewH1();
        var request = _scenario.GrantRequest(h1, Purpose.PersonalSafety);
        request.RequestId = Guid.NewGuid().ToString();

        var response = await _scenario.Consents(key).GrantConsentAsync(request, cancellationToken: Ct);

        var row = Assert.Single(await _log.RowsAsync($"RequestId = '{request.RequestId}'"));
        Assert.Equal(response.AuditEntryId, row["Id"]);
        var subject = _actors.SubjectKeyOf(h1);
        new ExpectedEntry(AuditActions.ConsentGrant, "ROLE_PARTNER", AuditOutcomes.Ok)
        {
            PartnerId = partnerId, KeyId = AuditActors.KeyIdOf(key), SubjectKey = subject.Value, SubjectKeyId = subject.KeyId,
            ConsentId = response.ConsentId, Purpose = "PERSONAL_SAFETY", RequestId = request.RequestId,
        }.AssertMatches(row);
        Assert.Single(await _log.RowsAsync($"ConsentId = '{response.ConsentId}'"));
    }

    [Fact]
    public async Task GrantConsent_PurposeNotAllowed_WritesOneRefusedEntryAndNoConsent()
    {
        var (partnerId, key) = await _scenario.CreatePartnerAsync(Role.Partner, Purpose.DatingSafety);
        var h1 = TestKeys.NewH1();
        var request = _scenario.GrantRequest(h1, Purpose.EmploymentScreening);
        request.RequestId = Guid.NewGuid().ToString();

        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, "PURPOSE_NOT_ALLOWED", async () =>
            await _scenario.Consents(key).GrantConsentAsync(request, cancellationToken: Ct));

        var row = Assert.Single(await _log.RowsAsync($"RequestId = '{request.RequestId}'"));
        var subject = _actors.SubjectKeyOf(h1);
        new ExpectedEntry(AuditActions.ConsentGrant, "ROLE_PARTNER", AuditOutcomes.Refused)
        {
            PartnerId = partnerId, KeyId = AuditActors.KeyIdOf(key), SubjectKey = subject.Value, SubjectKeyId = subject.KeyId,
            Purpose = "EMPLOYMENT_SCREENING", Reason = "PURPOSE_NOT_ALLOWED", RequestId = request.RequestId,
        }.AssertMatches(row);
        Assert.Equal(0L, await _log.ScalarAsync<long>($"SELECT COUNT(*) FROM consents WHERE PartnerId = '{partnerId}'"));
    }

    [Fact]
    public async Task RevokeConsent_Revoked_WritesExactlyOneEntryWithTheConsentsSubjectAndPurpose()
    {
        var (partnerId, key) = await _scenario.CreatePartnerAsync(Role.Partner, Purpose.DatingSafety);
        var h1 = TestKeys.NewH1();
        var consentId = await _scenario.GrantAsync(key, h1);
        var request = new RevokeConsentRequest { ConsentId = consentId, RequestId = Guid.NewGuid().ToString() };

        var response = await _scenario.Consents(key).RevokeConsentAsync(request, cancellationToken: Ct);

        var row = Assert.Single(await _log.RowsAsync($"Action = 'consent.revoke' AND ConsentId = '{consentId}'"));
        Assert.Equal(response.AuditEntryId, row["Id"]);
        var subject = _actors.SubjectKeyOf(h1);
        new ExpectedEntry(AuditActions.ConsentRevoke, "ROLE_PARTNER", AuditOutcomes.Ok)
        {
            PartnerId = partnerId, KeyId = AuditActors.KeyIdOf(key), SubjectKey = subject.Value, SubjectKeyId = subject.KeyId,
            ConsentId = consentId, Purpose = "DATING_SAFETY", RequestId = request.RequestId,
        }.AssertMatches(row);
        Assert.Equal(2, (await _log.RowsAsync($"ConsentId = '{consentId}'")).Count); // the grant and the revocation
    }

    [Fact]
    public async Task Check_NoRecord_WritesExactlyOneNoRecordEntry()
    {
        var (partnerId, key) = await _scenario.CreatePartnerAsync(Role.Partner, Purpose.TenancyScreening);
        var h1 = TestKeys.NewH1();
        var consentId = await _scenario.GrantAsync(key, h1, Purpose.TenancyScreening);
        var request = RegistryScenario.CheckRequest(consentId, h1, Purpose.TenancyScreening);

        var response = await _scenario.Checks(key).CheckAsync(request, cancellationToken: Ct);

        Assert.Equal(CheckOutcome.NoRecord, response.Outcome);
        var row = Assert.Single(await _log.RowsAsync($"Action = 'check' AND ConsentId = '{consentId}'"));
        Assert.Equal(response.AuditEntryId, row["Id"]);
        var subject = _actors.SubjectKeyOf(h1);
        new ExpectedEntry(AuditActions.Check, "ROLE_PARTNER", AuditOutcomes.NoRecord)
        {
            PartnerId = partnerId, KeyId = AuditActors.KeyIdOf(key), SubjectKey = subject.Value, SubjectKeyId = subject.KeyId,
            ConsentId = consentId, Purpose = "TENANCY_SCREENING", RequestId = request.RequestId,
        }.AssertMatches(row);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task CorrectOrExpungeRecord_WritesExactlyOneAdminEntryWithoutSubject(bool expunge)
    {
        var h1 = TestKeys.NewH1();
        var caseNumber = await _scenario.SeedRecordAsync(h1, RecordCategory.ProtectiveOrder, RecordStatus.Active, Today.AddMonths(-2));
        var reason = "ticket-" + Guid.NewGuid().ToString("N");

        var entryId = expunge
            ? (await _scenario.Admin.ExpungeRecordAsync(new ExpungeRecordRequest { SourceId = "TEST", CaseNumber = caseNumber, Reason = reason }, cancellationToken: Ct)).AuditEntryId
            : (await _scenario.Admin.CorrectRecordAsync(new CorrectRecordRequest
            {
                SourceId = "TEST", CaseNumber = caseNumber, Reason = reason, ExpiresAt = new Date { Year = 2027, Month = 1, Day = 31 },
            }, cancellationToken: Ct)).AuditEntryId;

        var row = Assert.Single(await _log.RowsAsync($"Detail LIKE '%reason={reason}%'"));
        Assert.Equal(entryId, row["Id"]);
        new ExpectedEntry(expunge ? AuditActions.RecordExpunge : AuditActions.RecordCorrect, "ROLE_ADMIN", AuditOutcomes.Ok)
        {
            PartnerId = await _actors.AdminPartnerIdAsync(), KeyId = AuditActors.KeyIdOf(factory.AdminApiKey),
            DetailContains = $"record=TEST/{caseNumber};status={(expunge ? "EXPUNGED" : string.Empty)};",
        }.AssertMatches(row);
    }

    [Fact]
    public async Task SetPartnerSuspended_Reinstated_WritesExactlyOneReinstateEntry()
    {
        var (partnerId, _) = await _scenario.CreatePartnerAsync(Role.Partner, Purpose.DatingSafety);
        await _scenario.Admin.SetPartnerSuspendedAsync(new SetPartnerSuspendedRequest { PartnerId = partnerId, Suspended = true, Reason = "probe" }, cancellationToken: Ct);

        var response = await _scenario.Admin.SetPartnerSuspendedAsync(
            new SetPartnerSuspendedRequest { PartnerId = partnerId, Suspended = false, Reason = "cleared" }, cancellationToken: Ct);

        var row = Assert.Single(await _log.RowsAsync($"Action = 'partner.reinstate' AND Detail LIKE '%partner={partnerId}%'"));
        Assert.Equal(response.AuditEntryId, row["Id"]);
        new ExpectedEntry(AuditActions.PartnerReinstate, "ROLE_ADMIN", AuditOutcomes.Ok)
        {
            Reason = "ADMIN_DECISION", PartnerId = await _actors.AdminPartnerIdAsync(), KeyId = AuditActors.KeyIdOf(factory.AdminApiKey),
        }.AssertMatches(row);
        Assert.Single(await _log.RowsAsync($"Action = 'partner.suspend' AND Detail LIKE '%partner={partnerId}%'"));
        Assert.EndsWith(";reason=cleared", (string)row["Detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreatePartner_WritesTheRoleByItsWireName()
    {
        var (partnerId, _) = await _scenario.CreatePartnerAsync(Role.Auditor);

        var row = Assert.Single(await _log.RowsAsync($"Action = 'partner.create' AND Detail LIKE '%partner={partnerId};%'"));

        Assert.Contains(";role=AUDITOR;", (string)row["Detail"]!, StringComparison.Ordinal);
    }
}
