using Grpc.Core;
using Registry.Protos.V1;
using Registry.Service.Tests.Infrastructure;

namespace Registry.Service.Tests.Consent;

/// <summary>Every refusal reason of spec §3, through the real Check RPC.</summary>
/// <remarks>Runs on SQLite; the same tests run on PostgreSQL in Postgres/OnPostgresTests.cs.</remarks>
public class ConsentRefusalTests(RegistryAppFactory factory) : IClassFixture<RegistryAppFactory>
{
    private readonly RegistryScenario _scenario = new(factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Check_UnknownConsent_IsRefusedWithConsentNotFound()
    {
        var key = await _scenario.CreatePartnerKeyAsync();

        await AssertRefusedAsync(key, RegistryScenario.CheckRequest("c_doesnotexist", TestKeys.NewH1()), "CONSENT_NOT_FOUND");
    }

    [Fact]
    public async Task Check_ConsentOfAnotherPartner_IsRefusedWithConsentOtherPartner()
    {
        var partnerA = await _scenario.CreatePartnerKeyAsync();
        var partnerB = await _scenario.CreatePartnerKeyAsync();
        var h1 = TestKeys.NewH1();
        var consentOfA = await _scenario.GrantAsync(partnerA, h1);

        await AssertRefusedAsync(partnerB, RegistryScenario.CheckRequest(consentOfA, h1), "CONSENT_OTHER_PARTNER");
    }

    [Fact]
    public async Task Check_AnotherSubject_IsRefusedWithConsentSubjectMismatch()
    {
        var key = await _scenario.CreatePartnerKeyAsync();
        var consentId = await _scenario.GrantAsync(key, TestKeys.NewH1());

        await AssertRefusedAsync(key, RegistryScenario.CheckRequest(consentId, TestKeys.NewH1()), "CONSENT_SUBJECT_MISMATCH");
    }

    [Fact]
    public async Task Check_AnotherPurpose_IsRefusedWithConsentPurposeMismatch()
    {
        var key = await _scenario.CreatePartnerKeyAsync(Purpose.DatingSafety, Purpose.PersonalSafety);
        var h1 = TestKeys.NewH1();
        var consentId = await _scenario.GrantAsync(key, h1, Purpose.DatingSafety);

        await AssertRefusedAsync(key, RegistryScenario.CheckRequest(consentId, h1, Purpose.PersonalSafety), "CONSENT_PURPOSE_MISMATCH");
    }

    [Fact]
    public async Task Check_PurposeNotAllowedForPartner_IsRefusedWithPurposeNotAllowed()
    {
        var key = await _scenario.CreatePartnerKeyAsync(Purpose.DatingSafety);
        var h1 = TestKeys.NewH1();
        var consentId = await _scenario.GrantAsync(key, h1);

        await AssertRefusedAsync(key, RegistryScenario.CheckRequest(consentId, h1, Purpose.EmploymentScreening), "PURPOSE_NOT_ALLOWED");
    }

    [Fact]
    public async Task Check_ExpiredConsent_IsRefusedWithConsentExpired()
    {
        var key = await _scenario.CreatePartnerKeyAsync();
        var h1 = TestKeys.NewH1();
        var grant = _scenario.GrantRequest(h1);
        grant.ValidFor = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromHours(1));
        var consentId = (await _scenario.Consents(key).GrantConsentAsync(grant, cancellationToken: Ct)).ConsentId;
        factory.Clock.Advance(TimeSpan.FromHours(1));

        await AssertRefusedAsync(key, RegistryScenario.CheckRequest(consentId, h1), "CONSENT_EXPIRED");
    }

    [Fact]
    public async Task Check_RevokedConsent_IsRefusedWithConsentRevoked()
    {
        var key = await _scenario.CreatePartnerKeyAsync();
        var h1 = TestKeys.NewH1();
        var consentId = await _scenario.GrantAsync(key, h1, maxUses: 5);
        await _scenario.Consents(key).RevokeConsentAsync(new RevokeConsentRequest { ConsentId = consentId }, cancellationToken: Ct);

        await AssertRefusedAsync(key, RegistryScenario.CheckRequest(consentId, h1), "CONSENT_REVOKED");
    }

    [Fact]
    public async Task Check_ConsentUsedUp_IsRefusedWithConsentUsedUp()
    {
        var key = await _scenario.CreatePartnerKeyAsync();
        var h1 = TestKeys.NewH1();
        var consentId = await _scenario.GrantAsync(key, h1, maxUses: 2);
        await _scenario.Checks(key).CheckAsync(RegistryScenario.CheckRequest(consentId, h1), cancellationToken: Ct);
        await _scenario.Checks(key).CheckAsync(RegistryScenario.CheckRequest(consentId, h1), cancellationToken: Ct);

        await AssertRefusedAsync(key, RegistryScenario.CheckRequest(consentId, h1), "CONSENT_USED_UP");
    }

    [Fact]
    public async Task Check_ConcurrentChecksOnOneUseConsent_AnswerExactlyOnce()
    {
        var key = await _scenario.CreatePartnerKeyAsync();
        var h1 = TestKeys.NewH1();
        var consentId = await _scenario.GrantAsync(key, h1, maxUses: 3);
        var client = _scenario.Checks(key);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 12).Select(async _ =>
        {
            try
            {
                await client.CheckAsync(RegistryScenario.CheckRequest(consentId, h1), cancellationToken: Ct);
                return "answered";
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.PermissionDenied)
            {
                return RpcAssert.Reason(ex)!;
            }
        }));

        Assert.Equal(3, outcomes.Count(o => o == "answered"));
        Assert.All(outcomes.Where(o => o != "answered"), o => Assert.Equal("CONSENT_USED_UP", o));
    }

    [Fact]
    public async Task Check_Refusal_CarriesTheAuditReceipt()
    {
        var key = await _scenario.CreatePartnerKeyAsync();

        var ex = await RpcAssert.FailsAsync(StatusCode.PermissionDenied, "CONSENT_NOT_FOUND",
            async () => await _scenario.Checks(key).CheckAsync(RegistryScenario.CheckRequest("c_nope", TestKeys.NewH1()), cancellationToken: Ct));

        var info = ex.GetRpcStatus()!.GetDetail<Google.Rpc.ErrorInfo>()!;
        Assert.True(Guid.TryParse(info.Metadata["audit_entry_id"], out _));
    }

    private async Task AssertRefusedAsync(string apiKey, CheckRequest request, string reason) =>
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, reason,
            async () => await _scenario.Checks(apiKey).CheckAsync(request, cancellationToken: Ct));
}
