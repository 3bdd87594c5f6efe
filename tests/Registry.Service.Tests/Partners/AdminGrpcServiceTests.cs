using Grpc.Core;
using Registry.Protos.V1;
using Registry.Service.Tests.Infrastructure;

namespace Registry.Service.Tests.Partners;

public sealed class AdminGrpcServiceTests(RegistryAppFactory factory) : IClassFixture<RegistryAppFactory>
{
    private readonly RegistryScenario _scenario = new(factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreatePartner_Partner_ReturnsPartnerAndAWorkingKey()
    {
        var request = new CreatePartnerRequest { Name = "SafeDate " + Guid.NewGuid(), Role = Role.Partner, AllowedPurposes = { Purpose.DatingSafety } };

        var response = await _scenario.Admin.CreatePartnerAsync(request, cancellationToken: Ct);

        Assert.StartsWith("p_", response.Partner.PartnerId, StringComparison.Ordinal);
        Assert.Equal([Purpose.DatingSafety], response.Partner.AllowedPurposes);
        Assert.Equal(response.ApiKey.KeyId, response.ApiKey.ApiKey.Split('_')[1]);
        Assert.True(Guid.TryParse(response.AuditEntryId, out _));
    }

    [Theory]
    [InlineData(Role.Partner, false, "allowed_purposes")]
    [InlineData(Role.Auditor, true, "allowed_purposes")]
    [InlineData(Role.Unspecified, false, "role")]
    public async Task CreatePartner_InvalidRoleOrPurposes_ReturnsInvalidArgument(Role role, bool withPurpose, string field)
    {
        var request = new CreatePartnerRequest { Name = "p-" + Guid.NewGuid(), Role = role };
        if (withPurpose)
        {
            request.AllowedPurposes.Add(Purpose.DatingSafety);
        }

        var ex = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, "INVALID_ARGUMENT",
            async () => await _scenario.Admin.CreatePartnerAsync(request, cancellationToken: Ct));

        Assert.Contains(RpcAssert.BadRequest(ex)!.FieldViolations, v => v.Field == field);
    }

    [Fact]
    public async Task CreatePartner_DuplicateName_ReturnsAlreadyExists()
    {
        var request = new CreatePartnerRequest { Name = "dup-" + Guid.NewGuid(), Role = Role.Auditor };
        await _scenario.Admin.CreatePartnerAsync(request, cancellationToken: Ct);

        await RpcAssert.FailsAsync(StatusCode.AlreadyExists, "PARTNER_EXISTS",
            async () => await _scenario.Admin.CreatePartnerAsync(request, cancellationToken: Ct));
    }

    [Fact]
    public async Task RevokeApiKey_Unknown_ReturnsNotFound()
    {
        await RpcAssert.FailsAsync(StatusCode.NotFound, "API_KEY_NOT_FOUND",
            async () => await _scenario.Admin.RevokeApiKeyAsync(new RevokeApiKeyRequest { KeyId = "0000000000000000" }, cancellationToken: Ct));
    }

    [Fact]
    public async Task IssueApiKey_UnknownPartner_ReturnsNotFound()
    {
        await RpcAssert.FailsAsync(StatusCode.NotFound, "PARTNER_NOT_FOUND",
            async () => await _scenario.Admin.IssueApiKeyAsync(new IssueApiKeyRequest { PartnerId = "p_nope" }, cancellationToken: Ct));
    }

    [Fact]
    public async Task ListPartners_IncludesTheBootstrapAdmin()
    {
        var response = await _scenario.Admin.ListPartnersAsync(new ListPartnersRequest(), cancellationToken: Ct);

        Assert.Contains(response.Partners, p => p.Role == Role.Admin && p.Name == "bootstrap-admin");
    }

    [Fact]
    public async Task ExpungeRecord_ThenCheck_ReturnsNoRecord()
    {
        var key = await _scenario.CreatePartnerKeyAsync();
        var h1 = TestKeys.NewH1();
        var today = DateOnly.FromDateTime(factory.Clock.GetUtcNow().UtcDateTime);
        var caseNumber = await _scenario.SeedRecordAsync(h1, Records.RecordCategory.CriminalConviction, Records.RecordStatus.Active, today.AddYears(-1));
        var consentId = await _scenario.GrantAsync(key, h1, maxUses: 2);
        var before = await _scenario.Checks(key).CheckAsync(RegistryScenario.CheckRequest(consentId, h1), cancellationToken: Ct);

        await _scenario.Admin.ExpungeRecordAsync(new ExpungeRecordRequest { SourceId = "TEST", CaseNumber = caseNumber, Reason = "court order 1" }, cancellationToken: Ct);

        var after = await _scenario.Checks(key).CheckAsync(RegistryScenario.CheckRequest(consentId, h1), cancellationToken: Ct);
        Assert.Equal(CheckOutcome.RecordFound, before.Outcome);
        Assert.Equal(CheckOutcome.NoRecord, after.Outcome);
    }

    [Fact]
    public async Task CorrectRecord_Unknown_ReturnsNotFound()
    {
        await RpcAssert.FailsAsync(StatusCode.NotFound, "RECORD_NOT_FOUND",
            async () => await _scenario.Admin.CorrectRecordAsync(
                new CorrectRecordRequest { SourceId = "TEST", CaseNumber = "none", Status = RecordStatus.Overturned, Reason = "appeal" }, cancellationToken: Ct));
    }
}
