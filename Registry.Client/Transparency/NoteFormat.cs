using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Registry.Client.Transparency;

/// <summary>Syntax shared by signed notes and their keys (C2SP signed-note; golang.org/x/mod/sumdb/note).</summary>
internal static class NoteFormat
{
    public const byte Ed25519Type = 0x01;
    public const string SignaturePrefix = "\u2014 ";
    public const int MaxSignatures = 100;

    // A key name is non-empty and has neither Unicode spaces nor '+'; control characters are never allowed in notes.
    public static bool IsValidKeyName(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return false;
        }

        foreach (var rune in name.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune) || rune.Value == '+' || rune.Value < 0x20 || rune == Rune.ReplacementChar)
            {
                return false;
            }
        }

        return !HasLoneSurrogate(name);
    }

    // key ID = SHA-256(key name || 0x0A || signature type || public key)[:4], big-endian.
    public static uint KeyId(string name, ReadOnlySpan<byte> typedPublicKey)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[nameBytes.Length + 1 + typedPublicKey.Length];
        nameBytes.CopyTo(input, 0);
        input[nameBytes.Length] = 0x0A;
        typedPublicKey.CopyTo(input.AsSpan(nameBytes.Length + 1));
        return BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData(input));
    }

    public static string FormatKeyId(uint keyId) => keyId.ToString("x8", CultureInfo.InvariantCulture);

    public static bool TryParseKeyId(string text, out uint keyId)
    {
        keyId = 0;
        return text.Length == 8 && text.All(char.IsAsciiHexDigit)
            && uint.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out keyId);
    }

    // Standard base64 (RFC 4648 §4), canonical only: no white space, correct padding, zero pad bits.
    public static bool TryDecodeBase64(string text, [NotNullWhen(true)] out byte[]? bytes)
    {
        bytes = null;
        if (text.Length == 0 || text.Length % 4 != 0)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '+' || c == '/' || c == '='))
            {
                return false;
            }
        }

        var buffer = new byte[text.Length / 4 * 3];
        if (!Convert.TryFromBase64String(text, buffer, out var written))
        {
            return false;
        }

        var decoded = buffer.AsSpan(0, written).ToArray();
        if (Convert.ToBase64String(decoded) != text)
        {
            return false;
        }

        bytes = decoded;
        return true;
    }

    public static bool HasForbiddenControl(string text)
    {
        foreach (var c in text)
        {
            if (c < 0x20 && c != '\n')
            {
                return true;
            }
        }

        return HasLoneSurrogate(text);
    }

    private static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }
}
