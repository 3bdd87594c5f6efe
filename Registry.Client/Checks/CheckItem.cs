using Registry.Client.Consents;
using Registry.Client.Identity;

namespace Registry.Client.Checks;

/// <summary>One check of a batch: a subject, the consent it gave and the purpose.</summary>
public sealed class CheckItem
{
    /// <summary>Creates a batch item.</summary>
    /// <param name="subject">The subject to check; only its hash is sent.</param>
    /// <param name="consentId">The consent the subject gave this partner.</param>
    /// <param name="purpose">The purpose of the check; must be the consent's purpose.</param>
    /// <param name="requestId">The request id (1..100 characters); the client generates one when <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="subject"/> or <paramref name="consentId"/> is <see langword="null"/>.</exception>
    public CheckItem(SubjectIdentity subject, string consentId, Purpose purpose, string? requestId = null)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(consentId);
        Subject = subject;
        ConsentId = consentId;
        Purpose = purpose;
        RequestId = requestId;
    }

    /// <summary>Gets the subject to check.</summary>
    public SubjectIdentity Subject { get; }

    /// <summary>Gets the consent id.</summary>
    public string ConsentId { get; }

    /// <summary>Gets the purpose of the check.</summary>
    public Purpose Purpose { get; }

    /// <summary>Gets the caller's request id, or <see langword="null"/> to let the client generate one.</summary>
    public string? RequestId { get; }
}
