using Registry.Client.Admin;
using Registry.Client.Consents;
using Registry.Client.Internal;
using P = Registry.Protos.V1;

namespace Registry.Client;

public partial class RegistryClient
{
    /// <summary>Creates a partner and its first API key (admin keys).</summary>
    /// <param name="name">The partner's unique name, 1..200 characters.</param>
    /// <param name="role">The partner's role.</param>
    /// <param name="purposes">The purposes a <see cref="Role.Partner"/> may use (at least one); none for other roles.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The partner and its first key, whose secret is shown only this once.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="role"/> or a purpose is undefined.</exception>
    /// <exception cref="RegistryValidationException">The service refused the name, role or purposes.</exception>
    /// <exception cref="RegistryConflictException">A partner of that name exists (<c>PARTNER_EXISTS</c>).</exception>
    /// <exception cref="RegistryAuthException">The key is invalid or not an administrator's.</exception>
    /// <exception cref="RegistryRequestException">The service failed the call or the client's timeout expired.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public virtual async Task<CreatedPartner> CreatePartnerAsync(
        string name, Role role, IEnumerable<Purpose>? purposes = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        var request = new P.CreatePartnerRequest { Name = name, Role = RoleWire.ToProto(role) };
        request.AllowedPurposes.Add((purposes ?? []).Select(p => PurposeWire.ToProto(p, nameof(purposes))));

        var response = await _invoker
            .UnaryAsync(_admin.CreatePartnerAsync, request, isRepeatable: false, requestId: null, cancellationToken)
            .ConfigureAwait(false);
        return new CreatedPartner(
            AdminMapping.ToSdk(response.Partner ?? new P.Partner()),
            AdminMapping.ToSdk(response.ApiKey ?? new P.IssuedApiKey(), response.AuditEntryId),
            response.AuditEntryId);
    }

    /// <summary>Lists every partner (admin keys).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The partners.</returns>
    /// <exception cref="RegistryAuthException">The key is invalid or not an administrator's.</exception>
    /// <exception cref="RegistryRequestException">The service failed the call or the client's timeout expired.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public virtual async Task<IReadOnlyList<PartnerInfo>> ListPartnersAsync(CancellationToken cancellationToken = default)
    {
        var response = await _invoker
            .UnaryAsync(_admin.ListPartnersAsync, new P.ListPartnersRequest(), isRepeatable: true, requestId: null, cancellationToken)
            .ConfigureAwait(false);
        return response.Partners.Select(AdminMapping.ToSdk).ToArray();
    }

    /// <summary>Suspends or reinstates a partner; a suspended partner's keys are refused (admin keys).</summary>
    /// <param name="partnerId">The partner.</param>
    /// <param name="suspended"><see langword="true"/> to suspend, <see langword="false"/> to reinstate.</param>
    /// <param name="reason">Why, recorded in the audit entry; no personal data.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The partner after the change, and the audit receipt.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="partnerId"/> or <paramref name="reason"/> is <see langword="null"/>.</exception>
    /// <exception cref="RegistryNotFoundException">The partner does not exist (<c>PARTNER_NOT_FOUND</c>).</exception>
    /// <exception cref="RegistryAuthException">The key is invalid or not an administrator's.</exception>
    /// <exception cref="RegistryRequestException">The service failed the call or the client's timeout expired.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public virtual async Task<PartnerSuspension> SetPartnerSuspendedAsync(
        string partnerId, bool suspended, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(partnerId);
        ArgumentNullException.ThrowIfNull(reason);
        var request = new P.SetPartnerSuspendedRequest { PartnerId = partnerId, Suspended = suspended, Reason = reason };

        var response = await _invoker
            .UnaryAsync(_admin.SetPartnerSuspendedAsync, request, isRepeatable: false, requestId: null, cancellationToken)
            .ConfigureAwait(false);
        return new PartnerSuspension(AdminMapping.ToSdk(response.Partner ?? new P.Partner()), response.AuditEntryId);
    }

    /// <summary>
    /// Sets a partner's own quota (a token bucket: <paramref name="permitsPerSecond"/> refill, <paramref name="burst"/> size),
    /// or with both <c>0</c> returns it to the service's defaults (admin keys). Holds on every replica within the key cache
    /// lifetime.
    /// </summary>
    /// <param name="partnerId">The partner.</param>
    /// <param name="permitsPerSecond">1..1,000,000, or 0 with <paramref name="burst"/> 0 for the default.</param>
    /// <param name="burst">100..10,000,000, or 0 with <paramref name="permitsPerSecond"/> 0 for the default.</param>
    /// <param name="reason">Why, recorded in the audit entry; no personal data.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The partner after the change, and the audit receipt.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="partnerId"/> or <paramref name="reason"/> is <see langword="null"/>.</exception>
    /// <exception cref="RegistryValidationException">A value is out of range.</exception>
    /// <exception cref="RegistryNotFoundException">The partner does not exist (<c>PARTNER_NOT_FOUND</c>).</exception>
    /// <exception cref="RegistryAuthException">The key is invalid or not an administrator's.</exception>
    /// <exception cref="RegistryRequestException">The service failed the call or the client's timeout expired.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public virtual async Task<PartnerQuotaChange> SetPartnerQuotaAsync(
        string partnerId, int permitsPerSecond, int burst, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(partnerId);
        ArgumentNullException.ThrowIfNull(reason);
        var request = new P.SetPartnerQuotaRequest { PartnerId = partnerId, PermitsPerSecond = permitsPerSecond, Burst = burst, Reason = reason };

        var response = await _invoker
            .UnaryAsync(_admin.SetPartnerQuotaAsync, request, isRepeatable: true, requestId: null, cancellationToken)
            .ConfigureAwait(false);
        return new PartnerQuotaChange(AdminMapping.ToSdk(response.Partner ?? new P.Partner()), response.AuditEntryId);
    }

    /// <summary>Issues a new API key for a partner (admin keys).</summary>
    /// <param name="partnerId">The partner.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The key, whose secret is shown only this once.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="partnerId"/> is <see langword="null"/>.</exception>
    /// <exception cref="RegistryNotFoundException">The partner does not exist (<c>PARTNER_NOT_FOUND</c>).</exception>
    /// <exception cref="RegistryAuthException">The key is invalid or not an administrator's.</exception>
    /// <exception cref="RegistryRequestException">The service failed the call or the client's timeout expired.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public virtual async Task<IssuedApiKey> IssueApiKeyAsync(string partnerId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(partnerId);
        var request = new P.IssueApiKeyRequest { PartnerId = partnerId };

        var response = await _invoker
            .UnaryAsync(_admin.IssueApiKeyAsync, request, isRepeatable: false, requestId: null, cancellationToken)
            .ConfigureAwait(false);
        return AdminMapping.ToSdk(response.ApiKey ?? new P.IssuedApiKey(), response.AuditEntryId);
    }

    /// <summary>Revokes an API key; it stops working on every replica within seconds (admin keys).</summary>
    /// <param name="keyId">The key id (the part between <c>rk_</c> and the secret).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>When the key was revoked, and the audit receipt.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="keyId"/> is <see langword="null"/>.</exception>
    /// <exception cref="RegistryNotFoundException">The key does not exist (<c>API_KEY_NOT_FOUND</c>).</exception>
    /// <exception cref="RegistryConflictException">The key was already revoked (<c>API_KEY_ALREADY_REVOKED</c>).</exception>
    /// <exception cref="RegistryAuthException">The key is invalid or not an administrator's.</exception>
    /// <exception cref="RegistryRequestException">The service failed the call or the client's timeout expired.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public virtual async Task<ApiKeyRevocation> RevokeApiKeyAsync(string keyId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        var request = new P.RevokeApiKeyRequest { KeyId = keyId };

        var response = await _invoker
            .UnaryAsync(_admin.RevokeApiKeyAsync, request, isRepeatable: false, requestId: null, cancellationToken)
            .ConfigureAwait(false);
        return new ApiKeyRevocation(ProtoConvert.ToDateTimeOffset(response.RevokedAt), response.AuditEntryId);
    }
}
