using Grpc.Core;
using Registry.Protos.V1;

namespace Registry.Service.Tests.Infrastructure;

/// <summary>
/// Ids are bounded before anything else and never echoed unbounded (issue 10, hostile input): a long id answers
/// INVALID_ARGUMENT with a short message, a message larger than the RPC's limit RESOURCE_EXHAUSTED, an empty id
/// INVALID_ARGUMENT rather than NOT_FOUND; the service answers normally afterwards.
/// </summary>
public sealed class BoundedInputTests(RegistryAppFactory factory) : IClassFixture<RegistryAppFactory>
{
    private readonly RegistryScenario _scenario = new(factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> LongIds => new() { new string('x', 65), new string('x', 10_000), "c_abc\u0000def" };

    [Theory]
    [MemberData(nameof(LongIds))]
    public async Task GetAndRevokeConsent_ALongOrGarbledId_IsInvalidAndNotEchoed(string id)
    {
        var consents = _scenario.Consents(await _scenario.CreatePartnerKeyAsync());

        var get = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, "INVALID_ARGUMENT",
            async () => await consents.GetConsentAsync(new GetConsentRequest { ConsentId = id }, cancellationToken: Ct));
        var revoke = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, "INVALID_ARGUMENT",
            async () => await consents.RevokeConsentAsync(new RevokeConsentRequest { ConsentId = id }, cancellationToken: Ct));

        Assert.All(new[] { get, revoke }, ex =>
        {
            Assert.InRange(ex.Status.Detail.Length, 1, 200);
            Assert.DoesNotContain("xxxxxxxx", ex.Status.Detail, StringComparison.Ordinal);
            Assert.Equal("consent_id", Assert.Single(RpcAssert.BadRequest(ex)!.FieldViolations).Field);
        });
    }

    [Fact]
    public async Task CreatePartner_ANameWithANulCharacter_IsInvalidNamingTheFieldAndCreatesNothing()
    {
        var name = $"Acme {Guid.NewGuid():N}";

        var ex = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, "INVALID_ARGUMENT",
            async () => await _scenario.Admin.CreatePartnerAsync(new CreatePartnerRequest { Name = name + "\u0000x", Role = Role.Auditor }, cancellationToken: Ct));

        var violation = Assert.Single(RpcAssert.BadRequest(ex)!.FieldViolations);
        Assert.Equal("name", violation.Field);
        Assert.Contains("U+0000", violation.Description, StringComparison.Ordinal);
        var partners = await _scenario.Admin.ListPartnersAsync(new ListPartnersRequest(), cancellationToken: Ct);
        Assert.DoesNotContain(partners.Partners, p => p.Name.StartsWith(name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AdminRpcs_ALongOrEmptyId_IsInvalidNotNotFound()
    {
        var longId = new string('p', 5_000);

        foreach (var call in new Func<Task>[]
        {
            async () => await _scenario.Admin.IssueApiKeyAsync(new IssueApiKeyRequest { PartnerId = "" }, cancellationToken: Ct),
            async () => await _scenario.Admin.IssueApiKeyAsync(new IssueApiKeyRequest { PartnerId = longId }, cancellationToken: Ct),
            async () => await _scenario.Admin.RevokeApiKeyAsync(new RevokeApiKeyRequest { KeyId = longId }, cancellationToken: Ct),
            async () => await _scenario.Admin.SetPartnerSuspendedAsync(new SetPartnerSuspendedRequest { PartnerId = "", Suspended = true, Reason = "r" }, cancellationToken: Ct),
            async () => await _scenario.Admin.ExpungeRecordAsync(new ExpungeRecordRequest { SourceId = longId, CaseNumber = "c", Reason = "r" }, cancellationToken: Ct),
            async () => await _scenario.Admin.CorrectRecordAsync(new CorrectRecordRequest { SourceId = "s", CaseNumber = longId, Status = RecordStatus.Expired, Reason = "r" }, cancellationToken: Ct),
        })
        {
            var ex = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, "INVALID_ARGUMENT", call);
            Assert.InRange(ex.Status.Detail.Length, 1, 200);
            Assert.DoesNotContain("pppppppp", ex.Status.Detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task GetConsent_AMessageOverTheLimit_IsResourceExhaustedAndTheServiceAnswersAfterwards()
    {
        var key = await _scenario.CreatePartnerKeyAsync();
        var consents = _scenario.Consents(key);

        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
            await consents.GetConsentAsync(new GetConsentRequest { ConsentId = new string('x', 1024 * 1024) }, cancellationToken: Ct));

        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
        var consentId = await _scenario.GrantAsync(key, TestKeys.NewH1());
        var consent = await consents.GetConsentAsync(new GetConsentRequest { ConsentId = consentId }, cancellationToken: Ct);
        Assert.Equal(consentId, consent.Consent.ConsentId);
    }
}
