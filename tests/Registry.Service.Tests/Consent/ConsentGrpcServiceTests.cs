using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Registry.Protos.V1;
using Registry.Service.Tests.Infrastructure;

namespace Registry.Service.Tests.Consent;

/// <remarks>Runs on SQLite; the same tests run on PostgreSQL in Postgres/OnPostgresTests.cs.</remarks>
public class ConsentGrpcServiceTests(RegistryAppFactory factory) : IClassFixture<RegistryAppFactory>
{
    private readonly RegistryScenario _scenario = new(factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GrantConsent_ValidRequest_ReturnsUnguessableIdAndDefaults()
    {
        var key = await _scenario.CreatePartnerKeyAsync();
        var request = _scenario.GrantRequest(TestKeys.NewH1(), maxUses: 0);

        var response = await _scenario.Consents(key).GrantConsentAsync(request, cancellationToken: Ct);

        Assert.StartsWith("c_", response.ConsentId, StringComparison.Ordinal);
        Assert.True(response.ConsentId.Length >= 2 + 22, "at least 128 bits of base64url");
        Assert.Equal(1, response.MaxUses);
        Assert.Equal(factory.Clock.GetUtcNow().AddDays(30), response.ExpiresAt.ToDateTimeOffset());
    }

    [Fact]
    public async Task GetConsent_AfterGrant_ReturnsItsStateWithoutSubjectData()
    {
        var key = await _scenario.CreatePartnerKeyAsync();
        var consentId = await _scenario.GrantAsync(key, TestKeys.NewH1(), scope: ConsentScope.Summary, maxUses: 4);

        var consent = (await _scenario.Consents(key).GetConsentAsync(new GetConsentRequest { ConsentId = consentId }, cancellationToken: Ct)).Consent;

        Assert.Equal(consentId, consent.ConsentId);
        Assert.Equal(ConsentScope.Summary, consent.Scope);
        Assert.Equal(4, consent.MaxUses);
        Assert.Equal(0, consent.Uses);
        Assert.Null(consent.RevokedAt);
    }

    public static TheoryData<string, string> InvalidGrants => new()
    {
        { "h1", "short-h1" },
        { "purpose", "no-purpose" },
        { "scope", "no-scope" },
        { "max_uses", "too-many-uses" },
        { "valid_for", "too-long" },
        { "evidence.kind", "no-evidence-kind" },
        { "evidence.reference", "no-evidence-reference" },
        { "evidence.captured_at", "evidence-in-future" },
        { "evidence.captured_at", "evidence-too-old" },
    };

    [Theory]
    [MemberData(nameof(InvalidGrants))]
    public async Task GrantConsent_InvalidField_ReturnsInvalidArgumentNamingTheField(string field, string variant)
    {
        var key = await _scenario.CreatePartnerKeyAsync();
        var request = _scenario.GrantRequest(TestKeys.NewH1());
        var now = factory.Clock.GetUtcNow();
        switch (variant)
        {
            case "short-h1": request.H1 = ByteString.CopyFrom(new byte[16]); break;
            case "no-purpose": request.Purpose = Purpose.Unspecified; break;
            case "no-scope": request.Scope = ConsentScope.Unspecified; break;
            case "too-many-uses": request.MaxUses = 101; break;
            case "too-long": request.ValidFor = Duration.FromTimeSpan(TimeSpan.FromDays(31)); break;
            case "no-evidence-kind": request.Evidence.Kind = EvidenceKind.Unspecified; break;
            case "no-evidence-reference": request.Evidence.Reference = ""; break;
            case "evidence-in-future": request.Evidence.CapturedAt = Timestamp.FromDateTimeOffset(now.AddMinutes(10)); break;
            case "evidence-too-old": request.Evidence.CapturedAt = Timestamp.FromDateTimeOffset(now.AddHours(-25)); break;
        }

        var ex = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, "INVALID_ARGUMENT",
            async () => await _scenario.Consents(key).GrantConsentAsync(request, cancellationToken: Ct));

        Assert.Contains(RpcAssert.BadRequest(ex)!.FieldViolations, v => v.Field == field);
    }

    [Fact]
    public async Task GrantConsent_PurposeNotAllowed_ReturnsPermissionDenied()
    {
        var key = await _scenario.CreatePartnerKeyAsync(Purpose.DatingSafety);

        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, "PURPOSE_NOT_ALLOWED",
            async () => await _scenario.Consents(key).GrantConsentAsync(
                _scenario.GrantRequest(TestKeys.NewH1(), Purpose.TenancyScreening), cancellationToken: Ct));
    }

    [Fact]
    public async Task RevokeConsent_Twice_ReturnsFailedPrecondition()
    {
        var key = await _scenario.CreatePartnerKeyAsync();
        var consentId = await _scenario.GrantAsync(key, TestKeys.NewH1());
        await _scenario.Consents(key).RevokeConsentAsync(new RevokeConsentRequest { ConsentId = consentId }, cancellationToken: Ct);

        await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, "CONSENT_ALREADY_REVOKED",
            async () => await _scenario.Consents(key).RevokeConsentAsync(new RevokeConsentRequest { ConsentId = consentId }, cancellationToken: Ct));
    }

    [Fact]
    public async Task RevokeConsent_OfAnotherPartner_ReturnsNotFoundAndLeavesItUsable()
    {
        var partnerA = await _scenario.CreatePartnerKeyAsync();
        var partnerB = await _scenario.CreatePartnerKeyAsync();
        var h1 = TestKeys.NewH1();
        var consentOfA = await _scenario.GrantAsync(partnerA, h1);

        await RpcAssert.FailsAsync(StatusCode.NotFound, "CONSENT_NOT_FOUND",
            async () => await _scenario.Consents(partnerB).RevokeConsentAsync(new RevokeConsentRequest { ConsentId = consentOfA }, cancellationToken: Ct));

        var check = await _scenario.Checks(partnerA).CheckAsync(RegistryScenario.CheckRequest(consentOfA, h1), cancellationToken: Ct);
        Assert.Equal(CheckOutcome.NoRecord, check.Outcome);
    }

    [Fact]
    public async Task GetConsent_OfAnotherPartner_ReturnsNotFound()
    {
        var partnerA = await _scenario.CreatePartnerKeyAsync();
        var partnerB = await _scenario.CreatePartnerKeyAsync();
        var consentOfA = await _scenario.GrantAsync(partnerA, TestKeys.NewH1());

        await RpcAssert.FailsAsync(StatusCode.NotFound, "CONSENT_NOT_FOUND",
            async () => await _scenario.Consents(partnerB).GetConsentAsync(new GetConsentRequest { ConsentId = consentOfA }, cancellationToken: Ct));
    }
}
