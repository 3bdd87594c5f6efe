using System.Text;
using NSec.Cryptography;

namespace Registry.Client.Transparency;

/// <summary>Signs notes with an Ed25519 key (C2SP signed-note signature type 0x01).</summary>
/// <remarks>
/// The signer key text is the Go <c>note</c> package's format,
/// <c>PRIVATE+KEY+&lt;name&gt;+&lt;8 hex key id&gt;+&lt;base64(0x01 || 32-byte seed)&gt;</c>. It is a secret: keep it in
/// configuration or a secret store, never in logs or exception messages. Thread-safe; dispose when done.
/// </remarks>
public sealed class NoteSigner : IDisposable
{
    private const string Prefix = "PRIVATE+KEY+";
    private static readonly SignatureAlgorithm Algorithm = SignatureAlgorithm.Ed25519;
    private readonly Key _key;

    private NoteSigner(string name, Key key)
    {
        Name = name;
        _key = key;
        Verifier = NoteVerifier.Create(name, key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
    }

    /// <summary>Gets the key name (for checkpoints, conventionally the log origin).</summary>
    public string Name { get; }

    /// <summary>Gets the 32-bit key id.</summary>
    public uint KeyId => Verifier.KeyId;

    /// <summary>Gets the verifier for this signer's public key.</summary>
    public NoteVerifier Verifier { get; }

    /// <summary>Generates a new random key pair.</summary>
    /// <param name="name">The key name: non-empty, without Unicode spaces or '+'.</param>
    /// <returns>A new signer; export it with <see cref="ExportSignerKey"/> to keep it.</returns>
    /// <exception cref="ArgumentException">The name is not a valid key name.</exception>
    public static NoteSigner Generate(string name)
    {
        ThrowIfInvalidName(name);
        var parameters = new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport };
        return new NoteSigner(name, Key.Create(Algorithm, parameters));
    }

    /// <summary>Creates a signer from signer key text.</summary>
    /// <param name="signerKey">The <c>PRIVATE+KEY+…</c> text.</param>
    /// <returns>The signer.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="signerKey"/> is null.</exception>
    /// <exception cref="FormatException">The text is malformed, the algorithm is not Ed25519, or the key id does not
    /// match the key (the message never contains the key).</exception>
    public static NoteSigner FromSignerKey(string signerKey)
    {
        ArgumentNullException.ThrowIfNull(signerKey);
        if (!signerKey.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw new FormatException("A signer key starts with PRIVATE+KEY+.");
        }

        var parts = signerKey[Prefix.Length..].Split('+', 3);
        if (parts.Length != 3 || !NoteFormat.IsValidKeyName(parts[0]) || !NoteFormat.TryParseKeyId(parts[1], out var keyId)
            || !NoteFormat.TryDecodeBase64(parts[2], out var typedSeed) || typedSeed.Length != 33 || typedSeed[0] != NoteFormat.Ed25519Type)
        {
            throw new FormatException("Malformed Ed25519 signer key.");
        }

        var parameters = new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport };
        var key = Key.Import(Algorithm, typedSeed.AsSpan(1), KeyBlobFormat.RawPrivateKey, parameters);
        var signer = new NoteSigner(parts[0], key);
        if (signer.KeyId != keyId)
        {
            signer.Dispose();
            throw new FormatException("The signer key's id does not match its key.");
        }

        return signer;
    }

    /// <summary>Exports the secret signer key text.</summary>
    /// <returns><c>PRIVATE+KEY+&lt;name&gt;+&lt;key id&gt;+&lt;base64(0x01 || seed)&gt;</c>.</returns>
    /// <exception cref="ObjectDisposedException">The signer was disposed.</exception>
    public string ExportSignerKey()
    {
        var typedSeed = new byte[33];
        typedSeed[0] = NoteFormat.Ed25519Type;
        _key.Export(KeyBlobFormat.RawPrivateKey).CopyTo(typedSeed, 1);
        return $"{Prefix}{Name}+{NoteFormat.FormatKeyId(KeyId)}+{Convert.ToBase64String(typedSeed)}";
    }

    /// <summary>Signs a text and returns the signed note.</summary>
    /// <param name="text">The note text: it must end with a newline and contain no control characters but newlines.</param>
    /// <returns>The note: the text, a blank line and this key's signature line.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="ArgumentException">The text does not end with a newline or contains control characters.</exception>
    /// <exception cref="ObjectDisposedException">The signer was disposed.</exception>
    public string Sign(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0 || text[^1] != '\n' || NoteFormat.HasForbiddenControl(text))
        {
            throw new ArgumentException("A note text ends with a newline and has no other control characters.", nameof(text));
        }

        var signature = Algorithm.Sign(_key, Encoding.UTF8.GetBytes(text));
        return SignedNote.Create(text, [new NoteSignature(Name, KeyId, signature)]).ToString();
    }

    /// <summary>Releases the private key.</summary>
    public void Dispose() => _key.Dispose();

    private static void ThrowIfInvalidName(string name)
    {
        if (!NoteFormat.IsValidKeyName(name))
        {
            throw new ArgumentException("A key name is non-empty, without spaces or '+'.", nameof(name));
        }
    }
}
