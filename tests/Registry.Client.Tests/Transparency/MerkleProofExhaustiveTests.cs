using Registry.Client.Transparency;

namespace Registry.Client.Tests.Transparency;

public sealed class MerkleProofExhaustiveTests
{
    private const int MaxSize = 200;
    private static readonly byte[][] LeafHashes = Enumerable.Range(0, MaxSize).Select(i => MerkleTree.LeafHash(BitConverter.GetBytes(i))).ToArray();
    private static readonly byte[][] Roots = Enumerable.Range(0, MaxSize + 1).Select(n => MerkleTree.RootHash(LeafHashes, 0, n)).ToArray();
    private static readonly Dictionary<(long, long), byte[]> SubtreeCache = [];

    // Memoised subtree hashes keep the ~40,000 proofs fast; the list overloads are covered by the known-answer tests.
    private static byte[] Subtree(long start, long end)
    {
        lock (SubtreeCache)
        {
            if (!SubtreeCache.TryGetValue((start, end), out var hash))
            {
                hash = MerkleTree.RootHash(LeafHashes, (int)start, (int)end);
                SubtreeCache[(start, end)] = hash;
            }

            return hash;
        }
    }

    [Fact]
    public void VerifyInclusion_EveryIndexAndSizeUpTo200_VerifiesAndRejectsEverySingleAlteration()
    {
        var failures = new List<string>();

        for (var n = 1; n <= MaxSize; n++)
        {
            for (var i = 0; i < n; i++)
            {
                var proof = MerkleTree.InclusionProof(i, n, Subtree);
                if (!MerkleTree.VerifyInclusion(i, n, LeafHashes[i], proof, Roots[n]))
                {
                    failures.Add($"valid ({i},{n}) rejected");
                }

                foreach (var bad in Alterations(i, n, proof))
                {
                    // An altered size is checked against the true root of that size.
                    if (MerkleTree.VerifyInclusion(bad.Index, bad.Size, bad.Leaf, bad.Proof, Roots[bad.Size]))
                    {
                        failures.Add($"({i},{n}) accepted with {bad.What}");
                    }
                }
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public void VerifyConsistency_EverySizePairUpTo200_VerifiesAndRejectsEverySingleAlteration()
    {
        var failures = new List<string>();

        for (var n = 1; n <= MaxSize; n++)
        {
            for (var m = 1; m <= n; m++)
            {
                var proof = MerkleTree.ConsistencyProof(m, n, Subtree);
                if (!MerkleTree.VerifyConsistency(m, n, Roots[m], Roots[n], proof))
                {
                    failures.Add($"valid ({m},{n}) rejected");
                }

                if (m == n)
                {
                    continue;
                }

                for (var k = 0; k < proof.Count; k++)
                {
                    if (MerkleTree.VerifyConsistency(m, n, Roots[m], Roots[n], Flip(proof, k)))
                    {
                        failures.Add($"({m},{n}) accepted with proof[{k}] altered");
                    }
                }

                // Altered sizes are checked against the true roots of those sizes.
                if ((m > 1 && MerkleTree.VerifyConsistency(m - 1, n, Roots[m - 1], Roots[n], proof))
                    || (m + 1 < n && MerkleTree.VerifyConsistency(m + 1, n, Roots[m + 1], Roots[n], proof))
                    || (n - 1 > m && MerkleTree.VerifyConsistency(m, n - 1, Roots[m], Roots[n - 1], proof))
                    || (n < MaxSize && MerkleTree.VerifyConsistency(m, n + 1, Roots[m], Roots[n + 1], proof))
                    || MerkleTree.VerifyConsistency(m, n, Roots[m - 1], Roots[n], proof)
                    || MerkleTree.VerifyConsistency(m, n, Roots[m], Roots[n - 1], proof)
                    || MerkleTree.VerifyConsistency(m, n, Roots[m], Roots[n], proof.Take(proof.Count - 1).ToList())
                    || MerkleTree.VerifyConsistency(m, n, Roots[m], Roots[n], [.. proof, Roots[n]]))
                {
                    failures.Add($"({m},{n}) accepted with a size, root or length altered");
                }
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public void InclusionProof_SubtreeFunction_AsksForLogarithmicallyManyRanges()
    {
        var calls = 0;

        var sut = MerkleTree.InclusionProof(123, 200, (start, end) =>
        {
            calls++;
            return MerkleTree.RootHash(LeafHashes, (int)start, (int)end);
        });

        Assert.True(MerkleTree.VerifyInclusion(123, 200, LeafHashes[123], sut, Roots[200]));
        Assert.Equal(sut.Count, calls);
    }

    private static IEnumerable<(long Index, int Size, byte[] Leaf, IReadOnlyList<byte[]> Proof, string What)> Alterations(int i, int n, IReadOnlyList<byte[]> proof)
    {
        for (var k = 0; k < proof.Count; k++)
        {
            yield return (i, n, LeafHashes[i], Flip(proof, k), $"proof[{k}] altered");
        }

        yield return (i, n, LeafHashes[(i + 1) % MaxSize], proof, "another leaf");
        if (i + 1 < n)
        {
            yield return (i + 1, n, LeafHashes[i], proof, "index + 1");
        }

        if (i > 0)
        {
            yield return (i - 1, n, LeafHashes[i], proof, "index - 1");
        }

        if (n < MaxSize)
        {
            yield return (i, n + 1, LeafHashes[i], proof, "size + 1");
        }

        if (n - 1 > i)
        {
            yield return (i, n - 1, LeafHashes[i], proof, "size - 1");
        }

        yield return (i, n, LeafHashes[i], [.. proof, Roots[n]], "extra hash");
        if (proof.Count > 0)
        {
            yield return (i, n, LeafHashes[i], proof.Take(proof.Count - 1).ToList(), "last hash removed");
        }
    }

    private static List<byte[]> Flip(IReadOnlyList<byte[]> proof, int k)
    {
        var copy = proof.Select(h => (byte[])h.Clone()).ToList();
        copy[k][0] ^= 0x10;
        return copy;
    }
}
