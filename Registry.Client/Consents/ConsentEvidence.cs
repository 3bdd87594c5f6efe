namespace Registry.Client.Consents;

/// <summary>Evidence of a subject's consent that the partner keeps and can produce later.</summary>
public sealed class ConsentEvidence
{
    /// <summary>Creates consent evidence.</summary>
    /// <param name="kind">How the subject consented.</param>
    /// <param name="reference">The partner's opaque reference to the evidence, 1..200 characters, without personal data.</param>
    /// <param name="capturedAt">When the evidence was captured: not in the future, not older than 24 hours.</param>
    /// <exception cref="ArgumentNullException"><paramref name="reference"/> is <see langword="null"/>.</exception>
    public ConsentEvidence(EvidenceKind kind, string reference, DateTimeOffset capturedAt)
    {
        ArgumentNullException.ThrowIfNull(reference);
        Kind = kind;
        Reference = reference;
        CapturedAt = capturedAt;
    }

    /// <summary>Gets how the subject consented.</summary>
    public EvidenceKind Kind { get; }

    /// <summary>Gets the partner's opaque reference to the evidence.</summary>
    public string Reference { get; }

    /// <summary>Gets when the evidence was captured.</summary>
    public DateTimeOffset CapturedAt { get; }
}
