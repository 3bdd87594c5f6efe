using Registry.Client.Transparency;

namespace Registry.Client.Tests.Transparency;

public sealed class CheckpointTests
{
    // The example body of C2SP tlog-checkpoint.
    private const string C2spExample = "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";

    [Fact]
    public void Parse_C2spExample_ReadsTheThreeLines()
    {
        var sut = Checkpoint.Parse(C2spExample);

        Assert.Equal("example.com/behind-the-sofa", sut.Origin);
        Assert.Equal(20852163, sut.TreeSize);
        Assert.Equal(C2spExample, sut.ToNoteText());
    }

    [Fact]
    public void ToNoteText_WithExtensions_RoundTrips()
    {
        var checkpoint = new Checkpoint("registry.example/audit", 0, MerkleTree.EmptyRoot()) { Extensions = ["ext one"] };

        var sut = Checkpoint.Parse(checkpoint.ToNoteText());

        Assert.Equal(checkpoint, sut);
    }

    [Theory]
    [InlineData("")]
    [InlineData("example.com/log\n5\n")]
    [InlineData("example.com/log\n5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=")]
    [InlineData("\n5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n")]
    [InlineData("example.com/log\n05\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n")]
    [InlineData("example.com/log\n-5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n")]
    [InlineData("example.com/log\n+5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n")]
    [InlineData("example.com/log\n 5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n")]
    [InlineData("example.com/log\n99999999999999999999\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n")]
    [InlineData("example.com/log\n5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2=\n")]
    [InlineData("example.com/log\n5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I\n")]
    [InlineData("example.com/log\n5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jx\n")]
    [InlineData("example.com/log\n5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n\n")]
    [InlineData("example.com/log\r\n5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n")]
    public void TryParse_MalformedBody_ReturnsFalse(string body)
    {
        var parsed = Checkpoint.TryParse(body, out _);

        Assert.False(parsed);
    }

    [Fact]
    public void TryOpen_SignedCheckpoint_VerifiesAndParses()
    {
        using var signer = NoteSigner.Generate("registry.example/audit");
        var checkpoint = new Checkpoint("registry.example/audit", 3, MerkleTree.LeafHash([1]));

        var opened = Checkpoint.TryOpen(checkpoint.Sign(signer), signer.Verifier, out var sut);

        Assert.True(opened);
        Assert.Equal(checkpoint, sut);
    }
}
