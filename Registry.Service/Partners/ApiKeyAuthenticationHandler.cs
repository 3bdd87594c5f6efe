using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Registry.Service.Identity;
using Registry.Service.Infrastructure;

namespace Registry.Service.Partners;

/// <summary>
/// The "ApiKey" authentication scheme. Failures are answered as gRPC trailers-only responses carrying the
/// rich status (UNAUTHENTICATED, or PERMISSION_DENIED for a wrong role or a suspended partner), so clients
/// get a reason and a readable message rather than a bare HTTP 401/403.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyVerifier verifier) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string RoleClaim = "registry:role";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var authorization = Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(authorization))
        {
            // No key at all: no result rather than a failure, so anonymous calls (health) log nothing per call; a
            // protected method still answers UNAUTHENTICATED API_KEY_MISSING from the challenge below.
            return AuthenticateResult.NoResult();
        }

        try
        {
            var caller = await verifier.VerifyAsync(authorization, Context.RequestAborted);
            Context.Items[typeof(Caller)] = caller;
            var identity = new ClaimsIdentity(
                [new Claim(ClaimTypes.NameIdentifier, caller.PartnerId), new Claim(RoleClaim, caller.Role.ToString())],
                SchemeName);
            return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
        }
        catch (RegistryException ex)
        {
            Context.Items[typeof(RegistryException)] = ex;
            return AuthenticateResult.Fail(ex.Reason);
        }
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        WriteGrpcErrorAsync(Context.Items[typeof(RegistryException)] as RegistryException
            ?? RegistryErrors.Unauthenticated("API_KEY_MISSING", "No API key: send the header 'authorization: Bearer rk_<key id>_<secret>'."));

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var role = Context.Items[typeof(Caller)] is Caller caller ? caller.Role.ToString() : "unknown";
        return WriteGrpcErrorAsync(RegistryErrors.PermissionDenied(
            "ROLE_NOT_ALLOWED", $"The API key's role ({role}) may not call {Request.Path}."));
    }

    private Task WriteGrpcErrorAsync(RegistryException error)
    {
        var status = RegistryStatusMapping.ToStatus(error);
        Response.StatusCode = StatusCodes.Status200OK;
        Response.ContentType = "application/grpc";
        Response.Headers["grpc-status"] = ((int)error.Code).ToString(CultureInfo.InvariantCulture);
        Response.Headers["grpc-message"] = Uri.EscapeDataString(error.Message);
        Response.Headers["grpc-status-details-bin"] = Convert.ToBase64String(status.ToByteArray());
        return Task.CompletedTask;
    }
}
