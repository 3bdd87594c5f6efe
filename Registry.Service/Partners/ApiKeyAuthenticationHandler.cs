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
/// rich status (UNAUTHENTICATED, PERMISSION_DENIED for a wrong role or a suspended partner, RESOURCE_EXHAUSTED when
/// throttled), so clients get a reason and a readable message rather than a bare HTTP 401/403. Every refusal is counted
/// (<see cref="AuthenticationFailures"/>).
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyVerifier verifier,
    AuthenticationFailures failures) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
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
            var caller = await verifier.VerifyAsync(authorization, Context.Connection.RemoteIpAddress, Context.RequestAborted);
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

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items[typeof(RegistryException)] is RegistryException refused)
        {
            return WriteGrpcErrorAsync(refused); // already counted by the verifier
        }

        // A protected method called without a key (anonymous calls never get here, so health checks are not counted).
        var missing = ApiKeyRefusal.Missing;
        failures.Record(missing, PeerAddress.Of(Context.Connection.RemoteIpAddress));
        return WriteGrpcErrorAsync(missing.ToException());
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var caller = Context.Items[typeof(Caller)] as Caller;
        var refusal = ApiKeyRefusal.RoleNotAllowed(caller?.KeyId, caller is null ? "unknown" : ContractNames.Of(caller.Role), Request.Path);
        failures.Record(refusal, PeerAddress.Of(Context.Connection.RemoteIpAddress));
        return WriteGrpcErrorAsync(refusal.ToException());
    }

    private Task WriteGrpcErrorAsync(RegistryException error)
    {
        var status = RegistryStatusMapping.ToStatus(error);
        Response.StatusCode = StatusCodes.Status200OK;
        Response.ContentType = "application/grpc";
        Response.Headers["grpc-status"] = ((int)error.Code).ToString(CultureInfo.InvariantCulture);
        Response.Headers["grpc-message"] = GrpcMessageEncoding.Encode(error.Message);
        Response.Headers["grpc-status-details-bin"] = Convert.ToBase64String(status.ToByteArray());
        return Task.CompletedTask;
    }
}
