using Registry.Client.Transparency;

namespace Registry.Client.Tests.Transparency;

public sealed class MerkleTreeTests
{
    // Leaves and roots from transparency-dev/merkle proof/verify_test.go (the RFC 6962 test vectors of
    // certificate-transparency / Trillian).
    internal static readonly byte[][] Leaves =
    [
        [], [0x00], [0x10], [0x20, 0x21], [0x30, 0x31], [0x40, 0x41, 0x42, 0x43],
        Convert.FromHexString("5051525354555657"), Convert.FromHexString("606162636465666768696a6b6c6d6e6f"),
    ];

    private static readonly string[] Roots =
    [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];

    public static TheoryData<int, string> KnownRoots()
    {
        var data = new TheoryData<int, string>();
        for (var i = 0; i < Roots.Length; i++)
        {
            data.Add(i + 1, Roots[i]);
        }

        return data;
    }

    public static TheoryData<long, long, string[]> KnownInclusionProofs() => new()
    {
        { 0, 8, ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"] },
        { 5, 8, ["bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b", "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0", "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"] },
        { 2, 3, ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"] },
        { 1, 5, ["6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"] },
    };

    public static TheoryData<long, long, string[]> KnownConsistencyProofs() => new()
    {
        { 1, 8, ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"] },
        { 6, 8, ["0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a", "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0", "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"] },
        { 2, 5, ["5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"] },
        { 6, 7, ["0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a", "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f", "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"] },
    };

    [Fact]
    public void RootHash_EmptyTree_IsSha256OfEmptyString()
    {
        var sut = MerkleTree.RootHash([]);

        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Convert.ToHexStringLower(sut));
    }

    [Theory]
    [MemberData(nameof(KnownRoots))]
    public void RootHash_Rfc6962Leaves_MatchesKnownRoot(int size, string expectedRoot)
    {
        var leafHashes = Leaves.Take(size).Select(l => MerkleTree.LeafHash(l)).ToArray();

        var sut = MerkleTree.RootHash(leafHashes);

        Assert.Equal(expectedRoot, Convert.ToHexStringLower(sut));
    }

    [Theory]
    [MemberData(nameof(KnownInclusionProofs))]
    public void InclusionProof_Rfc6962Leaves_MatchesKnownProofAndVerifies(long index, long size, string[] expected)
    {
        var leafHashes = Leaves.Select(l => MerkleTree.LeafHash(l)).ToArray();

        var sut = MerkleTree.InclusionProof(index, size, leafHashes);

        Assert.Equal(expected, sut.Select(Convert.ToHexStringLower));
        Assert.True(MerkleTree.VerifyInclusion(index, size, leafHashes[index], sut, Convert.FromHexString(Roots[size - 1])));
    }

    [Theory]
    [MemberData(nameof(KnownConsistencyProofs))]
    public void ConsistencyProof_Rfc6962Leaves_MatchesKnownProofAndVerifies(long m, long n, string[] expected)
    {
        var leafHashes = Leaves.Select(l => MerkleTree.LeafHash(l)).ToArray();

        var sut = MerkleTree.ConsistencyProof(m, n, leafHashes);

        Assert.Equal(expected, sut.Select(Convert.ToHexStringLower));
        Assert.True(MerkleTree.VerifyConsistency(m, n, Convert.FromHexString(Roots[m - 1]), Convert.FromHexString(Roots[n - 1]), sut));
    }

    [Fact]
    public void VerifyConsistency_EqualSizes_RequiresEmptyProofAndEqualRoots()
    {
        var root = MerkleTree.LeafHash([1]);
        var other = MerkleTree.LeafHash([2]);

        var sut = (
            Same: MerkleTree.VerifyConsistency(3, 3, root, root, []),
            Different: MerkleTree.VerifyConsistency(3, 3, root, other, []),
            NonEmpty: MerkleTree.VerifyConsistency(3, 3, root, root, [root]),
            FromEmpty: MerkleTree.VerifyConsistency(0, 3, MerkleTree.EmptyRoot(), root, []),
            Backwards: MerkleTree.VerifyConsistency(4, 3, root, root, []));

        Assert.Equal((true, false, false, true, false), sut);
    }

    [Fact]
    public void VerifyInclusion_OutOfRangeOrMalformed_ReturnsFalse()
    {
        var leaf = MerkleTree.LeafHash([1]);

        var sut = new[]
        {
            MerkleTree.VerifyInclusion(0, 1, leaf, [], leaf),
            MerkleTree.VerifyInclusion(1, 1, leaf, [], leaf),
            MerkleTree.VerifyInclusion(-1, 1, leaf, [], leaf),
            MerkleTree.VerifyInclusion(0, 0, leaf, [], leaf),
            MerkleTree.VerifyInclusion(0, 1, leaf.AsSpan(0, 31), [], leaf),
            MerkleTree.VerifyInclusion(0, 1, leaf, [leaf], leaf),
            MerkleTree.VerifyInclusion(0, 1, leaf, null, leaf),
        };

        Assert.Equal([true, false, false, false, false, false, false], sut);
    }
}
