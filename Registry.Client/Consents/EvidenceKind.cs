namespace Registry.Client.Consents;

/// <summary>How the subject consented.</summary>
/// <remarks>The numeric values equal the v1 contract's; a value a newer service sends passes through as an undefined number.</remarks>
public enum EvidenceKind
{
    /// <summary>A one-time code sent by SMS to the subject and typed back.</summary>
    SmsOtp = 1,

    /// <summary>A digital signature by the subject (e.g. an eGov EDS).</summary>
    DigitalSignature = 2,

    /// <summary>An attestation captured in the partner's app.</summary>
    InAppAttestation = 3,
}
