namespace Registry.Cli.Commands.Audit;

/// <summary>The <c>--json</c> document of <c>registry audit keygen</c>; the secret signer key is never in it.</summary>
/// <param name="Origin">The key name, which is the log origin its checkpoints carry.</param>
/// <param name="KeyId">The 32-bit key id, 8 lowercase hex characters.</param>
/// <param name="VerifierKey">The public C2SP verifier key auditors pin (<c>--public-key</c>).</param>
/// <param name="SignerKeyFile">The full path of the owner-only file holding the signer key.</param>
internal sealed record AuditKeygenResult(string Origin, string KeyId, string VerifierKey, string SignerKeyFile);
