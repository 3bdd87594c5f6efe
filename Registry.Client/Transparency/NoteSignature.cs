namespace Registry.Client.Transparency;

/// <summary>One signature line of a signed note: <c>— &lt;key name&gt; base64(key id || signature)</c>.</summary>
/// <param name="KeyName">The signing key's name.</param>
/// <param name="KeyId">The 32-bit key id (the first 4 bytes of the decoded signature, big-endian).</param>
/// <param name="Signature">The signature bytes after the key id (64 bytes for Ed25519).</param>
public sealed record NoteSignature(string KeyName, uint KeyId, byte[] Signature);
