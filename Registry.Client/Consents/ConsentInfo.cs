namespace Registry.Client.Consents;

/// <summary>The state of a consent. It never contains the subject's hash or identifiers.</summary>
/// <remarks>Built by the client from the service's answers; tests build it with <see cref="RegistryModelFactory"/>.</remarks>
public sealed class ConsentInfo
{
    internal ConsentInfo(string consentId, Purpose purpose, ConsentScope scope, DateTimeOffset grantedAt, DateTimeOffset expiresAt, DateTimeOffset? revokedAt, int maxUses, int uses, EvidenceKind evidenceKind)
    {
        ConsentId = consentId;
        Purpose = purpose;
        Scope = scope;
        GrantedAt = grantedAt;
        ExpiresAt = expiresAt;
        RevokedAt = revokedAt;
        MaxUses = maxUses;
        Uses = uses;
        EvidenceKind = evidenceKind;
    }

    /// <summary>Gets the consent id.</summary>
    public string ConsentId { get; }

    /// <summary>Gets the purpose the subject consented to.</summary>
    public Purpose Purpose { get; }

    /// <summary>Gets what checks under the consent may disclose.</summary>
    public ConsentScope Scope { get; }

    /// <summary>Gets when the consent was granted (UTC).</summary>
    public DateTimeOffset GrantedAt { get; }

    /// <summary>Gets when the consent expires (UTC).</summary>
    public DateTimeOffset ExpiresAt { get; }

    /// <summary>Gets when the consent was revoked (UTC), or <see langword="null"/> while it is not.</summary>
    public DateTimeOffset? RevokedAt { get; }

    /// <summary>Gets how many checks the consent allows in all.</summary>
    public int MaxUses { get; }

    /// <summary>Gets how many checks have used the consent so far.</summary>
    public int Uses { get; }

    /// <summary>Gets how the subject consented.</summary>
    public EvidenceKind EvidenceKind { get; }

    /// <summary>Gets whether the consent has been revoked.</summary>
    public bool IsRevoked => RevokedAt is not null;
}
