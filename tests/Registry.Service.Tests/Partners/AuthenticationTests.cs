using Grpc.Core;
using Registry.Protos.V1;
using Registry.Service.Tests.Infrastructure;

namespace Registry.Service.Tests.Partners;

/// <summary>API keys and roles (spec §7) through the real pipeline.</summary>
/// <remarks>Runs on SQLite; the same tests run on PostgreSQL in Postgres/OnPostgresTests.cs.</remarks>
public class AuthenticationTests(RegistryAppFactory factory) : IClassFixture<RegistryAppFactory>
{
    private readonly RegistryScenario _scenario = new(factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static GetConsentRequest AnyRequest => new() { ConsentId = "c_x" };

    [Fact]
    public async Task Call_WithoutKey_ReturnsUnauthenticated()
    {
        var client = new ConsentService.ConsentServiceClient(factory.CreateChannel(null));

        var ex = await RpcAssert.FailsAsync(StatusCode.Unauthenticated, "API_KEY_MISSING",
            async () => await client.GetConsentAsync(AnyRequest, cancellationToken: Ct));

        Assert.Contains("Bearer", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("rk_short_secret")]
    [InlineData("rk_0123456789abcdef_" + "0000000000000000000000000000000000000000000000000000000000000000")]
    public async Task Call_WithGarbledOrUnknownKey_ReturnsUnauthenticated(string apiKey)
    {
        var client = new ConsentService.ConsentServiceClient(factory.CreateChannel(apiKey));

        await RpcAssert.FailsAsync(StatusCode.Unauthenticated, "API_KEY_INVALID",
            async () => await client.GetConsentAsync(AnyRequest, cancellationToken: Ct));
    }

    [Fact]
    public async Task Call_WithRightIdButWrongSecret_ReturnsUnauthenticated()
    {
        var key = await _scenario.CreatePartnerKeyAsync();
        var forged = key[..^4] + (key.EndsWith("0000", StringComparison.Ordinal) ? "1111" : "0000");
        var client = new ConsentService.ConsentServiceClient(factory.CreateChannel(forged));

        await RpcAssert.FailsAsync(StatusCode.Unauthenticated, "API_KEY_INVALID",
            async () => await client.GetConsentAsync(AnyRequest, cancellationToken: Ct));
    }

    [Fact]
    public async Task Call_WithRevokedKey_IsRefusedAtOnceOnThisReplica()
    {
        var (partnerId, key) = await _scenario.CreatePartnerAsync(Role.Partner, Purpose.DatingSafety);
        var consents = _scenario.Consents(key);
        await consents.GrantConsentAsync(_scenario.GrantRequest(TestKeys.NewH1()), cancellationToken: Ct); // caches the key
        var keyId = key.Split('_')[1];
        await _scenario.Admin.RevokeApiKeyAsync(new RevokeApiKeyRequest { KeyId = keyId }, cancellationToken: Ct);

        await RpcAssert.FailsAsync(StatusCode.Unauthenticated, "API_KEY_REVOKED",
            async () => await consents.GrantConsentAsync(_scenario.GrantRequest(TestKeys.NewH1()), cancellationToken: Ct));
        Assert.NotEmpty(partnerId);
    }

    [Fact]
    public async Task Check_WithAuditorKey_ReturnsPermissionDenied()
    {
        var (_, auditorKey) = await _scenario.CreatePartnerAsync(Role.Auditor);

        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, "ROLE_NOT_ALLOWED",
            async () => await _scenario.Checks(auditorKey).CheckAsync(RegistryScenario.CheckRequest("c_x", TestKeys.NewH1()), cancellationToken: Ct));
    }

    [Fact]
    public async Task Check_WithAdminKey_ReturnsPermissionDenied()
    {
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, "ROLE_NOT_ALLOWED",
            async () => await _scenario.Checks(factory.AdminApiKey).CheckAsync(RegistryScenario.CheckRequest("c_x", TestKeys.NewH1()), cancellationToken: Ct));
    }

    [Fact]
    public async Task CreatePartner_WithPartnerKey_ReturnsPermissionDenied()
    {
        var key = await _scenario.CreatePartnerKeyAsync();
        var admin = new AdminService.AdminServiceClient(factory.CreateChannel(key));

        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, "ROLE_NOT_ALLOWED",
            async () => await admin.CreatePartnerAsync(new CreatePartnerRequest { Name = "x", Role = Role.Admin }, cancellationToken: Ct));
    }

    [Fact]
    public async Task Call_OfSuspendedPartner_ReturnsPermissionDenied()
    {
        var (partnerId, key) = await _scenario.CreatePartnerAsync(Role.Partner, Purpose.DatingSafety);
        await _scenario.Admin.SetPartnerSuspendedAsync(
            new SetPartnerSuspendedRequest { PartnerId = partnerId, Suspended = true, Reason = "test" }, cancellationToken: Ct);

        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, "PARTNER_SUSPENDED",
            async () => await _scenario.Consents(key).GetConsentAsync(AnyRequest, cancellationToken: Ct));
    }
}
