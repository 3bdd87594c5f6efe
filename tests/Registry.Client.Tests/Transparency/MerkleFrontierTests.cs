using Registry.Client.Transparency;

namespace Registry.Client.Tests.Transparency;

public sealed class MerkleFrontierTests
{
    private static readonly byte[][] LeafHashes = Enumerable.Range(0, 300).Select(i => MerkleTree.LeafHash(BitConverter.GetBytes(i))).ToArray();

    [Fact]
    public void RootHash_AfterEachAppend_EqualsRootOfAllLeaves()
    {
        var sut = new MerkleFrontier();
        var mismatches = new List<int>();

        for (var n = 1; n <= LeafHashes.Length; n++)
        {
            sut.Append(LeafHashes[n - 1]);
            if (!sut.RootHash().AsSpan().SequenceEqual(MerkleTree.RootHash(LeafHashes, 0, n)) || sut.Nodes.Count != int.PopCount(n))
            {
                mismatches.Add(n);
            }
        }

        Assert.Empty(mismatches);
    }

    [Fact]
    public void FromBytes_RoundTrip_ResumesAppending()
    {
        var original = new MerkleFrontier();
        foreach (var hash in LeafHashes.Take(77))
        {
            original.Append(hash);
        }

        var sut = MerkleFrontier.FromBytes(original.ToBytes());
        foreach (var hash in LeafHashes.Skip(77))
        {
            sut.Append(hash);
        }

        Assert.Equal(300, sut.Size);
        Assert.Equal(MerkleTree.RootHash(LeafHashes), sut.RootHash());
    }

    [Fact]
    public void FromBytes_WrongLength_Throws()
    {
        var bytes = new MerkleFrontier().ToBytes();
        bytes[7] = 3; // size 3 needs two nodes

        Assert.Throws<FormatException>(() => MerkleFrontier.FromBytes(bytes));
    }

    [Fact]
    public void RootHash_Empty_IsEmptyTreeHash()
    {
        var sut = new MerkleFrontier();

        Assert.Equal(MerkleTree.EmptyRoot(), sut.RootHash());
    }
}
