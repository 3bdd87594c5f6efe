using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Registry.Client.Transparency;

/// <summary>A parsed C2SP signed note: a text ending in a newline, a blank line, then one or more signature lines.</summary>
/// <remarks>Parsing checks only the syntax; use <see cref="NoteVerifier.Verify(SignedNote)"/> before trusting the text.</remarks>
public sealed class SignedNote
{
    private SignedNote(string text, IReadOnlyList<NoteSignature> signatures)
    {
        Text = text;
        Signatures = signatures;
    }

    /// <summary>Gets the signed text, including its final newline but not the separating blank line.</summary>
    public string Text { get; }

    /// <summary>Gets the signatures in the order they appear.</summary>
    public IReadOnlyList<NoteSignature> Signatures { get; }

    /// <summary>Parses a signed note strictly.</summary>
    /// <param name="note">The full note text.</param>
    /// <returns>The parsed note.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="note"/> is null.</exception>
    /// <exception cref="FormatException">The note is malformed.</exception>
    public static SignedNote Parse(string note)
    {
        ArgumentNullException.ThrowIfNull(note);
        return TryParse(note, out var parsed) ? parsed : throw new FormatException("Malformed signed note.");
    }

    /// <summary>Tries to parse a signed note strictly.</summary>
    /// <param name="note">The full note text.</param>
    /// <param name="parsed">The parsed note, when the result is true.</param>
    /// <returns>True when the note is well-formed.</returns>
    public static bool TryParse(string? note, [NotNullWhen(true)] out SignedNote? parsed)
    {
        parsed = null;
        if (note is null || NoteFormat.HasForbiddenControl(note))
        {
            return false;
        }

        var split = note.LastIndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0)
        {
            return false;
        }

        var text = note[..(split + 1)];
        var block = note[(split + 2)..];
        if (block.Length == 0 || block[^1] != '\n')
        {
            return false;
        }

        var signatures = new List<NoteSignature>();
        foreach (var line in block[..^1].Split('\n'))
        {
            if (signatures.Count == NoteFormat.MaxSignatures || !TryParseSignatureLine(line, out var signature))
            {
                return false;
            }

            signatures.Add(signature);
        }

        parsed = new SignedNote(text, signatures);
        return true;
    }

    /// <summary>Formats the note: the text, a blank line, then one line per signature.</summary>
    /// <returns>The note as it is stored and exchanged.</returns>
    public override string ToString()
    {
        var builder = new StringBuilder(Text).Append('\n');
        foreach (var signature in Signatures)
        {
            AppendSignatureLine(builder, signature);
        }

        return builder.ToString();
    }

    internal static SignedNote Create(string text, IReadOnlyList<NoteSignature> signatures) => new(text, signatures);

    internal static void AppendSignatureLine(StringBuilder builder, NoteSignature signature)
    {
        var raw = new byte[4 + signature.Signature.Length];
        BinaryPrimitives.WriteUInt32BigEndian(raw, signature.KeyId);
        signature.Signature.CopyTo(raw, 4);
        builder.Append(NoteFormat.SignaturePrefix).Append(signature.KeyName).Append(' ')
            .Append(Convert.ToBase64String(raw)).Append('\n');
    }

    private static bool TryParseSignatureLine(string line, [NotNullWhen(true)] out NoteSignature? signature)
    {
        signature = null;
        if (!line.StartsWith(NoteFormat.SignaturePrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = line[NoteFormat.SignaturePrefix.Length..];
        var space = rest.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0)
        {
            return false;
        }

        var name = rest[..space];
        if (!NoteFormat.IsValidKeyName(name) || !NoteFormat.TryDecodeBase64(rest[(space + 1)..], out var raw) || raw.Length < 5)
        {
            return false;
        }

        signature = new NoteSignature(name, BinaryPrimitives.ReadUInt32BigEndian(raw), raw[4..]);
        return true;
    }
}
