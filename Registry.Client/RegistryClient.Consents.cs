using Google.Protobuf.WellKnownTypes;
using Registry.Client.Consents;
using Registry.Client.Identity;
using Registry.Client.Internal;
using P = Registry.Protos.V1;

namespace Registry.Client;

public partial class RegistryClient
{
    /// <summary>Records a subject's consent for this partner, purpose and scope (partner keys).</summary>
    /// <param name="subject">The subject who consented; only its hash is sent.</param>
    /// <param name="purpose">The purpose the subject consented to; it must be allowed for the partner.</param>
    /// <param name="scope">What checks under the consent may disclose.</param>
    /// <param name="evidence">How and when the subject consented.</param>
    /// <param name="validFor">How long the consent lasts; the service's default (and maximum, 30 days) when <see langword="null"/>.</param>
    /// <param name="maxUses">How many checks the consent allows, 1..100; 1 when <see langword="null"/>.</param>
    /// <param name="requestId">The request id recorded in the audit entry; generated when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The consent id to check under, and its limits.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="subject"/> or <paramref name="evidence"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">An enum value is undefined, or <paramref name="requestId"/> is empty or too long.</exception>
    /// <exception cref="RegistryValidationException">The service refused an argument (see <see cref="RegistryRequestException.FieldViolations"/>).</exception>
    /// <exception cref="RegistryAuthException">The key is invalid or not a partner's, or the purpose is not allowed (<c>PURPOSE_NOT_ALLOWED</c>).</exception>
    /// <exception cref="RegistryRequestException">The service failed the call or the client's timeout expired.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public virtual async Task<GrantedConsent> GrantConsentAsync(
        SubjectIdentity subject,
        Purpose purpose,
        ConsentScope scope,
        ConsentEvidence evidence,
        TimeSpan? validFor = null,
        int? maxUses = null,
        string? requestId = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(evidence);
        var id = RequestIds.OrNew(requestId, nameof(requestId));
        var request = new P.GrantConsentRequest
        {
            H1 = IdentityMapping.ToH1(subject),
            Purpose = PurposeWire.ToProto(purpose),
            Scope = ConsentScopeWire.ToProto(scope),
            Evidence = ConsentMapping.ToProto(evidence),
            ValidFor = validFor is { } duration ? Duration.FromTimeSpan(duration) : null,
            MaxUses = maxUses ?? 0,
            RequestId = id,
        };

        var response = await _invoker
            .UnaryAsync(_consents.GrantConsentAsync, request, isRepeatable: false, id, cancellationToken)
            .ConfigureAwait(false);
        return ConsentMapping.ToSdk(response);
    }

    /// <summary>Revokes a consent; every later check under it is refused (partner keys).</summary>
    /// <param name="consentId">The consent to revoke.</param>
    /// <param name="requestId">The request id recorded in the audit entry; generated when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>When the revocation took effect, and its audit receipt.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="consentId"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="requestId"/> is empty or too long.</exception>
    /// <exception cref="RegistryNotFoundException">The consent is unknown or another partner's (<c>CONSENT_NOT_FOUND</c>).</exception>
    /// <exception cref="RegistryConflictException">The consent was already revoked (<c>CONSENT_ALREADY_REVOKED</c>).</exception>
    /// <exception cref="RegistryAuthException">The key is invalid or not a partner's.</exception>
    /// <exception cref="RegistryRequestException">The service failed the call or the client's timeout expired.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public virtual async Task<ConsentRevocation> RevokeConsentAsync(
        string consentId, string? requestId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(consentId);
        var id = RequestIds.OrNew(requestId, nameof(requestId));
        var request = new P.RevokeConsentRequest { ConsentId = consentId, RequestId = id };

        var response = await _invoker
            .UnaryAsync(_consents.RevokeConsentAsync, request, isRepeatable: false, id, cancellationToken)
            .ConfigureAwait(false);
        return new ConsentRevocation(ProtoConvert.ToDateTimeOffset(response.RevokedAt), response.AuditEntryId);
    }

    /// <summary>Reads a consent's state (partner keys).</summary>
    /// <param name="consentId">The consent to read.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The consent.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="consentId"/> is <see langword="null"/>.</exception>
    /// <exception cref="RegistryNotFoundException">The consent is unknown or another partner's (<c>CONSENT_NOT_FOUND</c>).</exception>
    /// <exception cref="RegistryAuthException">The key is invalid or not a partner's.</exception>
    /// <exception cref="RegistryRequestException">The service failed the call or the client's timeout expired.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public virtual async Task<ConsentInfo> GetConsentAsync(string consentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(consentId);
        var request = new P.GetConsentRequest { ConsentId = consentId };

        var response = await _invoker
            .UnaryAsync(_consents.GetConsentAsync, request, isRepeatable: true, requestId: null, cancellationToken)
            .ConfigureAwait(false);
        return ConsentMapping.ToSdk(response.Consent ?? new P.Consent());
    }
}
