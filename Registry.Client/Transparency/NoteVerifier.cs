using System.Diagnostics.CodeAnalysis;
using System.Text;
using NSec.Cryptography;

namespace Registry.Client.Transparency;

/// <summary>Verifies Ed25519 signatures of one named key on signed notes (C2SP signed-note).</summary>
/// <remarks>The verifier key text is <c>&lt;name&gt;+&lt;8 hex key id&gt;+&lt;base64(0x01 || 32-byte public key)&gt;</c>. Thread-safe.</remarks>
public sealed class NoteVerifier
{
    private static readonly SignatureAlgorithm Algorithm = SignatureAlgorithm.Ed25519;
    private readonly PublicKey _publicKey;

    private NoteVerifier(string name, uint keyId, PublicKey publicKey, string verifierKey)
    {
        Name = name;
        KeyId = keyId;
        _publicKey = publicKey;
        VerifierKey = verifierKey;
    }

    /// <summary>Gets the key name.</summary>
    public string Name { get; }

    /// <summary>Gets the 32-bit key id.</summary>
    public uint KeyId { get; }

    /// <summary>Gets the verifier key text, <c>&lt;name&gt;+&lt;key id&gt;+&lt;base64(0x01 || public key)&gt;</c>.</summary>
    public string VerifierKey { get; }

    /// <summary>Parses verifier key text.</summary>
    /// <param name="verifierKey">The verifier key text.</param>
    /// <returns>The verifier.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="verifierKey"/> is null.</exception>
    /// <exception cref="FormatException">The text is malformed, not Ed25519, or its key id does not match the key.</exception>
    public static NoteVerifier Parse(string verifierKey)
    {
        ArgumentNullException.ThrowIfNull(verifierKey);
        return TryParse(verifierKey, out var verifier) ? verifier : throw new FormatException("Malformed Ed25519 verifier key.");
    }

    /// <summary>Tries to parse verifier key text.</summary>
    /// <param name="verifierKey">The verifier key text.</param>
    /// <param name="verifier">The verifier, when the result is true.</param>
    /// <returns>True when the text is a valid Ed25519 verifier key whose key id matches its name and key.</returns>
    public static bool TryParse(string? verifierKey, [NotNullWhen(true)] out NoteVerifier? verifier)
    {
        verifier = null;
        var parts = verifierKey?.Split('+', 3);
        if (parts is not { Length: 3 } || !NoteFormat.IsValidKeyName(parts[0]) || !NoteFormat.TryParseKeyId(parts[1], out var keyId)
            || !NoteFormat.TryDecodeBase64(parts[2], out var typedKey) || typedKey.Length != 33 || typedKey[0] != NoteFormat.Ed25519Type
            || NoteFormat.KeyId(parts[0], typedKey) != keyId
            || !PublicKey.TryImport(Algorithm, typedKey.AsSpan(1), KeyBlobFormat.RawPublicKey, out var publicKey))
        {
            return false;
        }

        verifier = new NoteVerifier(parts[0], keyId, publicKey!, verifierKey!);
        return true;
    }

    /// <summary>Verifies a note: at least one signature must be by this key (name and key id), and every such
    /// signature must verify. Signatures by other keys are ignored, as C2SP requires.</summary>
    /// <param name="note">The parsed note.</param>
    /// <returns>True when the note is signed by this key.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="note"/> is null.</exception>
    public bool Verify(SignedNote note)
    {
        ArgumentNullException.ThrowIfNull(note);
        var message = Encoding.UTF8.GetBytes(note.Text);
        var found = false;
        foreach (var signature in note.Signatures)
        {
            if (signature.KeyName != Name || signature.KeyId != KeyId)
            {
                continue;
            }

            if (!Algorithm.Verify(_publicKey, message, signature.Signature))
            {
                return false;
            }

            found = true;
        }

        return found;
    }

    /// <summary>Parses and verifies a note in one step.</summary>
    /// <param name="note">The full note text.</param>
    /// <param name="text">The verified text, when the result is true.</param>
    /// <returns>True when the note is well-formed and signed by this key.</returns>
    public bool TryOpen(string? note, [NotNullWhen(true)] out string? text)
    {
        text = null;
        if (!SignedNote.TryParse(note, out var parsed) || !Verify(parsed))
        {
            return false;
        }

        text = parsed.Text;
        return true;
    }

    internal static NoteVerifier Create(string name, byte[] publicKey)
    {
        var typedKey = new byte[1 + publicKey.Length];
        typedKey[0] = NoteFormat.Ed25519Type;
        publicKey.CopyTo(typedKey, 1);
        var keyId = NoteFormat.KeyId(name, typedKey);
        var key = PublicKey.Import(Algorithm, publicKey, KeyBlobFormat.RawPublicKey);
        return new NoteVerifier(name, keyId, key, $"{name}+{NoteFormat.FormatKeyId(keyId)}+{Convert.ToBase64String(typedKey)}");
    }
}
