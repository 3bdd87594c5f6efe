using Registry.Client.Checks;
using Registry.Client.Consents;
using Registry.Client.Identity;
using Registry.Client.Internal;
using P = Registry.Protos.V1;

namespace Registry.Client;

public partial class RegistryClient
{
    /// <summary>The most items one batch check may hold.</summary>
    public const int MaxCheckBatchSize = 100;

    /// <summary>Checks one subject under a consent the subject gave this partner (partner keys).</summary>
    /// <param name="subject">The subject to check; only its hash is sent.</param>
    /// <param name="consentId">The consent, from <see cref="GrantConsentAsync"/>.</param>
    /// <param name="purpose">The purpose of the check; must be the consent's purpose.</param>
    /// <param name="requestId">The request id (1..100 characters); generated when <see langword="null"/>. Every retry of the call
    /// reuses it, so the service answers (and counts against the consent) once.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The outcome, the summary when the consent allows it, and the audit receipt.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="subject"/> or <paramref name="consentId"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="purpose"/> is undefined, or <paramref name="requestId"/> is empty or too long.</exception>
    /// <exception cref="RegistryAuthException">The key is invalid or not a partner's, or the consent does not allow the check
    /// (<see cref="RegistryRequestException.ErrorCode"/> <c>CONSENT_EXPIRED</c>, <c>CONSENT_REVOKED</c>, <c>CONSENT_USED_UP</c>, …).</exception>
    /// <exception cref="RegistryValidationException">The service refused an argument.</exception>
    /// <exception cref="RegistryRequestException">The service failed the call or the client's timeout expired.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public virtual async Task<CheckResult> CheckAsync(
        SubjectIdentity subject,
        string consentId,
        Purpose purpose,
        string? requestId = null,
        CancellationToken cancellationToken = default)
    {
        var item = new CheckItem(subject, consentId, purpose, requestId);
        var id = RequestIds.OrNew(requestId, nameof(requestId));
        var request = CheckMapping.ToProto(item, id);

        // Repeatable only because the request carries its id: the service answers a repeated id once.
        var response = await _invoker
            .UnaryAsync(_checks.CheckAsync, request, isRepeatable: true, id, cancellationToken)
            .ConfigureAwait(false);
        return CheckMapping.ToSdk(response, id);
    }

    /// <summary>Checks up to <see cref="MaxCheckBatchSize"/> subjects, each under its own consent (partner keys).</summary>
    /// <param name="items">The checks; an item without a request id gets a generated one.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One result per item, in request order: an answer or the refusal a single check would have thrown.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="items"/> or one of its items is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="items"/> is empty or holds more than <see cref="MaxCheckBatchSize"/> items,
    /// or an item's purpose or request id is invalid.</exception>
    /// <exception cref="RegistryAuthException">The key is invalid or not a partner's.</exception>
    /// <exception cref="RegistryRequestException">The service failed the whole call or the client's timeout expired.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public virtual async Task<IReadOnlyList<CheckBatchItemResult>> CheckBatchAsync(
        IEnumerable<CheckItem> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        var list = items.ToArray();
        if (list.Length is 0 or > MaxCheckBatchSize)
        {
            throw new ArgumentException($"A batch holds 1..{MaxCheckBatchSize} items.", nameof(items));
        }

        var ids = new string[list.Length];
        var request = new P.CheckBatchRequest();
        for (var i = 0; i < list.Length; i++)
        {
            var item = list[i] ?? throw new ArgumentNullException(nameof(items), "A batch item is null.");
            ids[i] = RequestIds.OrNew(item.RequestId, nameof(items));
            request.Items.Add(CheckMapping.ToProto(item, ids[i]));
        }

        var response = await _invoker
            .UnaryAsync(_checks.CheckBatchAsync, request, isRepeatable: true, requestId: null, cancellationToken)
            .ConfigureAwait(false);
        return response.Results
            .Select(r => CheckMapping.ToSdk(r, r.Index >= 0 && r.Index < ids.Length ? ids[r.Index] : string.Empty))
            .ToArray();
    }
}
