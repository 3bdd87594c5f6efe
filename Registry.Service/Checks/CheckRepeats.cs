using Registry.Service.Consent;

namespace Registry.Service.Checks;

/// <summary>
/// A check that repeats the request id of the last check answered under the same consent (an SDK retry after a
/// lost response) is answered again without using the consent again. The consent row remembers that request id,
/// so recognising a retry costs no extra query on the check path.
/// </summary>
public static class CheckRepeats
{
    public const string RepeatedReason = "REPEATED_REQUEST";

    public static bool IsRepeat(ConsentState consent, CheckCommand command)
    {
        ArgumentNullException.ThrowIfNull(consent);
        ArgumentNullException.ThrowIfNull(command);
        return command.RequestId is { } requestId && consent.LastRequestId == requestId;
    }
}
