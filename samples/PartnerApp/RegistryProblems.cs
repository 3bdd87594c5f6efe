using Registry.Client;
using Registry.Client.Identity;

namespace PartnerApp;

/// <summary>
/// What this app answers when the registry refuses or fails a call. Branches on the SDK's typed exceptions and the
/// server's reason (<see cref="RegistryRequestException.ErrorCode"/>), never on message text. No refusal is ever worded as
/// a result: a check that did not happen says so.
/// </summary>
public static class RegistryProblems
{
    public static IResult InvalidIin(IdentityValidationException error) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The IIN is not valid.", detail: error.Rule);

    public static IResult From(RegistryRequestException ex) => ex switch
    {
        // CONSENT_REVOKED, CONSENT_EXPIRED, CONSENT_USED_UP, CONSENT_SUBJECT_MISMATCH…: ask the user for a new consent.
        RegistryAuthException { ErrorCode: { } reason } when reason.StartsWith("CONSENT_", StringComparison.Ordinal) =>
            Problem(StatusCodes.Status403Forbidden, "The check was not made: the consent cannot be used. Ask the user to consent again.", ex),
        RegistryNotFoundException =>
            Problem(StatusCodes.Status404NotFound, "The check was not made: the registry does not know this consent.", ex),
        RegistryValidationException =>
            Problem(StatusCodes.Status400BadRequest, "The check was not made: the registry refused the request.", ex),
        // This app's own key or role is wrong: an operator's problem, not the user's.
        RegistryAuthException =>
            Problem(StatusCodes.Status502BadGateway, "The check was not made: this app is not allowed to call the registry.", ex),
        _ => Problem(StatusCodes.Status503ServiceUnavailable, "The check was not made: the registry is not available. Try again later.", ex),
    };

    private static IResult Problem(int status, string title, RegistryRequestException ex) =>
        Results.Problem(statusCode: status, title: title, extensions: new Dictionary<string, object?>
        {
            ["reason"] = ex.ErrorCode,
            ["requestId"] = ex.RequestId,
        });
}
