using System.Net;
using Grpc.Core;
using Registry.Protos.V1;
using Registry.Service.Tests.Infrastructure;

namespace Registry.Service.Tests.Contract;

/// <summary>
/// Messages read as the contract does (issue 12, item 6): enum values by their .proto names (EMPLOYMENT_SCREENING,
/// PARTNER), never .NET names, and a grpc-message percent-encoded only where the gRPC spec requires it. These assert the
/// exact text, unlike the other error tests (which assert code and reason), because the text is what is under test.
/// </summary>
public sealed class ErrorMessageTests(RegistryAppFactory factory) : IClassFixture<RegistryAppFactory>
{
    private const string MalformedKeyMessage = "The API key is malformed: expected 'Bearer rk_<16 hex id>_<64 hex secret>'.";

    private readonly RegistryScenario _scenario = new(factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GrantConsent_PurposeNotAllowedForPartner_NamesThePurposeAsTheContractDoes()
    {
        var key = await _scenario.CreatePartnerKeyAsync(Purpose.DatingSafety);

        var ex = await RpcAssert.FailsAsync(StatusCode.PermissionDenied, "PURPOSE_NOT_ALLOWED",
            async () => await _scenario.Consents(key).GrantConsentAsync(
                _scenario.GrantRequest(TestKeys.NewH1(), Purpose.EmploymentScreening), cancellationToken: Ct));

        Assert.Equal("This partner is not allowed the purpose EMPLOYMENT_SCREENING.", ex.Status.Detail);
    }

    [Fact]
    public async Task AdminCall_WithPartnerKey_NamesTheRoleAsTheContractDoes()
    {
        var key = await _scenario.CreatePartnerKeyAsync();
        var admin = new AdminService.AdminServiceClient(factory.CreateChannel(key));

        var ex = await RpcAssert.FailsAsync(StatusCode.PermissionDenied, "ROLE_NOT_ALLOWED",
            async () => await admin.ListPartnersAsync(new ListPartnersRequest(), cancellationToken: Ct));

        Assert.Equal("The API key's role (PARTNER) may not call /registry.v1.AdminService/ListPartners.", ex.Status.Detail);
    }

    [Fact]
    public async Task CreatePartner_WithoutRole_ListsTheRolesAsTheContractDoes()
    {
        var ex = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, "INVALID_ARGUMENT",
            async () => await _scenario.Admin.CreatePartnerAsync(new CreatePartnerRequest { Name = "No role" }, cancellationToken: Ct));

        Assert.Equal("The request is invalid: role: is required: PARTNER, AUDITOR or ADMIN", ex.Status.Detail);
        Assert.Equal("is required: PARTNER, AUDITOR or ADMIN", Assert.Single(RpcAssert.BadRequest(ex)!.FieldViolations).Description);
    }

    [Fact]
    public async Task GrantConsent_WithoutScopeOrEvidenceKind_ListsTheValuesAsTheContractDoes()
    {
        var key = await _scenario.CreatePartnerKeyAsync();
        var request = _scenario.GrantRequest(TestKeys.NewH1(), scope: ConsentScope.Unspecified);
        request.Evidence.Kind = EvidenceKind.Unspecified;

        var ex = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, "INVALID_ARGUMENT",
            async () => await _scenario.Consents(key).GrantConsentAsync(request, cancellationToken: Ct));

        var violations = RpcAssert.BadRequest(ex)!.FieldViolations.ToDictionary(v => v.Field, v => v.Description);
        Assert.Equal("is required: PRESENCE or SUMMARY", violations["scope"]);
        Assert.Equal("is required: SMS_OTP, DIGITAL_SIGNATURE or IN_APP_ATTESTATION", violations["evidence.kind"]);
    }

    [Fact]
    public async Task Call_WithMalformedKey_StatusDetailIsTheReadableMessage()
    {
        var client = new ConsentService.ConsentServiceClient(factory.CreateChannel("garbage"));

        var ex = await RpcAssert.FailsAsync(StatusCode.Unauthenticated, "API_KEY_INVALID",
            async () => await client.GetConsentAsync(new GetConsentRequest { ConsentId = "c_x" }, cancellationToken: Ct));

        Assert.Equal(MalformedKeyMessage, ex.Status.Detail);
    }

    [Fact]
    public async Task Call_WithMalformedKey_SendsGrpcMessageUnescapedOverHttp2()
    {
        using var server = new RegistryAppFactory().WithKestrel();

        var headers = await RawCallAsync(server, "/registry.v1.ConsentService/GetConsent", "garbage");

        Assert.Equal("16", headers["grpc-status"]);
        Assert.Equal(MalformedKeyMessage, headers["grpc-message"]);
    }

    [Fact]
    public async Task CreatePartner_Empty_SendsGrpcMessageUnescapedOverHttp2()
    {
        using var server = new RegistryAppFactory().WithKestrel();

        var headers = await RawCallAsync(server, "/registry.v1.AdminService/CreatePartner", server.AdminApiKey);

        Assert.Equal("3", headers["grpc-status"]);
        Assert.StartsWith("The request is invalid: name: is required, 1..200 characters", headers["grpc-message"], StringComparison.Ordinal);
        Assert.EndsWith("; role: is required: PARTNER, AUDITOR or ADMIN", headers["grpc-message"], StringComparison.Ordinal);
    }

    // One gRPC call over real HTTP/2 with an empty request message; the response's headers and trailers, as sent.
    private static async Task<Dictionary<string, string>> RawCallAsync(RegistryAppFactory server, string path, string apiKey)
    {
        using var http = new HttpClient(new SocketsHttpHandler());
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.BaseAddress, path))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent([0, 0, 0, 0, 0]), // one uncompressed, empty message
        };
        request.Content.Headers.ContentType = new("application/grpc");
        request.Headers.TryAddWithoutValidation("te", "trailers");
        request.Headers.TryAddWithoutValidation("authorization", "Bearer " + apiKey);

        using var response = await http.SendAsync(request, Ct);

        Assert.Equal(HttpVersion.Version20, response.Version);
        return response.Headers.Concat(response.TrailingHeaders)
            .ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
    }
}
