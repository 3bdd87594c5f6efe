namespace Registry.Service.Consent;

/// <summary>How a subject consented (spec §3).</summary>
public enum EvidenceKind
{
    SmsOtp = 1,
    DigitalSignature = 2,
    InAppAttestation = 3,
}
