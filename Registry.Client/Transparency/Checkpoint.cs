using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Registry.Client.Transparency;

/// <summary>A C2SP tlog-checkpoint body: the log origin, the tree size and the RFC 6962 root hash.</summary>
/// <param name="Origin">The log's identity, the first line; non-empty, without control characters.</param>
/// <param name="TreeSize">The number of leaves, 0 or more.</param>
/// <param name="RootHash">The 32-byte root hash of the tree of that size.</param>
public sealed record Checkpoint(string Origin, long TreeSize, byte[] RootHash)
{
    /// <summary>Gets the optional extension lines that follow the root hash; each is non-empty.</summary>
    /// <value>Empty by default; C2SP does not recommend using them.</value>
    public IReadOnlyList<string> Extensions { get; init; } = [];

    /// <summary>Formats the note text: <c>&lt;origin&gt;\n&lt;size&gt;\n&lt;base64 root&gt;\n</c>, then each extension line.</summary>
    /// <returns>The body to sign.</returns>
    /// <exception cref="InvalidOperationException">A field is invalid (empty origin, negative size, root not 32 bytes,
    /// empty or multi-line extension).</exception>
    public string ToNoteText()
    {
        if (!IsValidLine(Origin) || TreeSize < 0 || RootHash is not { Length: MerkleTree.HashSize } || Extensions.Any(e => !IsValidLine(e)))
        {
            throw new InvalidOperationException("The checkpoint has an invalid origin, size, root hash or extension line.");
        }

        var text = new StringBuilder()
            .Append(Origin).Append('\n')
            .Append(TreeSize.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append(Convert.ToBase64String(RootHash)).Append('\n');
        foreach (var extension in Extensions)
        {
            text.Append(extension).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Parses a checkpoint body (the note text, without signatures) strictly.</summary>
    /// <param name="noteText">The note text.</param>
    /// <returns>The checkpoint.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="noteText"/> is null.</exception>
    /// <exception cref="FormatException">The text is not a well-formed checkpoint.</exception>
    public static Checkpoint Parse(string noteText)
    {
        ArgumentNullException.ThrowIfNull(noteText);
        return TryParse(noteText, out var checkpoint) ? checkpoint : throw new FormatException("Malformed checkpoint.");
    }

    /// <summary>Tries to parse a checkpoint body strictly: at least three lines, each ending in a newline; a non-empty
    /// origin; a decimal size without sign or leading zeros; a canonical base64 32-byte root; non-empty extension lines.</summary>
    /// <param name="noteText">The note text.</param>
    /// <param name="checkpoint">The checkpoint, when the result is true.</param>
    /// <returns>True when the text is well-formed.</returns>
    public static bool TryParse(string? noteText, [NotNullWhen(true)] out Checkpoint? checkpoint)
    {
        checkpoint = null;
        if (noteText is null || noteText.Length == 0 || noteText[^1] != '\n')
        {
            return false;
        }

        var lines = noteText[..^1].Split('\n');
        if (lines.Length < 3 || lines.Any(line => !IsValidLine(line)) || !TryParseSize(lines[1], out var size)
            || !NoteFormat.TryDecodeBase64(lines[2], out var root) || root.Length != MerkleTree.HashSize)
        {
            return false;
        }

        checkpoint = new Checkpoint(lines[0], size, root) { Extensions = lines[3..] };
        return true;
    }

    /// <summary>Signs this checkpoint as a note.</summary>
    /// <param name="signer">The log's signer.</param>
    /// <returns>The signed note text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="signer"/> is null.</exception>
    /// <exception cref="InvalidOperationException">A field is invalid.</exception>
    public string Sign(NoteSigner signer)
    {
        ArgumentNullException.ThrowIfNull(signer);
        return signer.Sign(ToNoteText());
    }

    /// <summary>Opens a signed checkpoint: parses the note, verifies it is signed by the key, and parses the body.</summary>
    /// <param name="signedNote">The signed note text.</param>
    /// <param name="verifier">The log's verifier.</param>
    /// <param name="checkpoint">The verified checkpoint, when the result is true.</param>
    /// <returns>True when the note is signed by the key and its body is a well-formed checkpoint.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="verifier"/> is null.</exception>
    public static bool TryOpen(string? signedNote, NoteVerifier verifier, [NotNullWhen(true)] out Checkpoint? checkpoint)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        checkpoint = null;
        return verifier.TryOpen(signedNote, out var text) && TryParse(text, out checkpoint);
    }

    /// <summary>Compares origin, size, root hash bytes and extension lines.</summary>
    /// <param name="other">The other checkpoint.</param>
    /// <returns>True when all are equal.</returns>
    public bool Equals(Checkpoint? other) =>
        other is not null && Origin == other.Origin && TreeSize == other.TreeSize
        && RootHash.AsSpan().SequenceEqual(other.RootHash) && Extensions.SequenceEqual(other.Extensions);

    /// <summary>Hashes origin and size.</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode() => HashCode.Combine(Origin, TreeSize);

    private static bool IsValidLine(string? line) => !string.IsNullOrEmpty(line) && !line.Contains('\n', StringComparison.Ordinal)
        && !NoteFormat.HasForbiddenControl(line);

    private static bool TryParseSize(string text, out long size)
    {
        size = 0;
        return text.All(char.IsAsciiDigit) && (text == "0" || text[0] != '0')
            && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out size);
    }
}
