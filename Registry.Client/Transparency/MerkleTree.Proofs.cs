namespace Registry.Client.Transparency;

public static partial class MerkleTree
{
    /// <summary>Builds the RFC 9162 §2.1.3.1 inclusion proof (audit path) of a leaf, from the leaf hashes.</summary>
    /// <param name="leafIndex">The 0-based index of the leaf.</param>
    /// <param name="treeSize">The size of the tree to prove inclusion in.</param>
    /// <param name="leafHashes">At least the first <paramref name="treeSize"/> leaf hashes.</param>
    /// <returns>The audit path, from the leaf's sibling up to the root's child.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="leafHashes"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The index is not below the size, or the size exceeds the list.</exception>
    public static IReadOnlyList<byte[]> InclusionProof(long leafIndex, long treeSize, IReadOnlyList<byte[]> leafHashes)
    {
        ArgumentNullException.ThrowIfNull(leafHashes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(treeSize, leafHashes.Count);
        return InclusionProof(leafIndex, treeSize, (start, end) => RootHash(leafHashes, (int)start, (int)end));
    }

    /// <summary>Builds the RFC 9162 §2.1.3.1 inclusion proof (audit path) of a leaf, asking for subtree hashes.</summary>
    /// <param name="leafIndex">The 0-based index of the leaf.</param>
    /// <param name="treeSize">The size of the tree to prove inclusion in.</param>
    /// <param name="subtreeHash">Returns MTH of the leaves <c>[start, end)</c>; called O(log n) times, always on
    /// ranges that are perfect subtrees or a right edge of the tree.</param>
    /// <returns>The audit path, from the leaf's sibling up to the root's child.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="subtreeHash"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The index is negative or not below the size.</exception>
    public static IReadOnlyList<byte[]> InclusionProof(long leafIndex, long treeSize, Func<long, long, byte[]> subtreeHash)
    {
        ArgumentNullException.ThrowIfNull(subtreeHash);
        ArgumentOutOfRangeException.ThrowIfNegative(leafIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(leafIndex, treeSize);
        var path = new List<byte[]>();
        Path(leafIndex, 0, treeSize, subtreeHash, path);
        return path;
    }

    /// <summary>Builds the RFC 9162 §2.1.4.1 consistency proof between two tree sizes, from the leaf hashes.</summary>
    /// <param name="firstSize">The older tree size m, 0 &lt;= m &lt;= n.</param>
    /// <param name="secondSize">The newer tree size n.</param>
    /// <param name="leafHashes">At least the first <paramref name="secondSize"/> leaf hashes.</param>
    /// <returns>The proof; empty when m is 0 or m equals n.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="leafHashes"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The sizes are out of order, negative or exceed the list.</exception>
    public static IReadOnlyList<byte[]> ConsistencyProof(long firstSize, long secondSize, IReadOnlyList<byte[]> leafHashes)
    {
        ArgumentNullException.ThrowIfNull(leafHashes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(secondSize, leafHashes.Count);
        return ConsistencyProof(firstSize, secondSize, (start, end) => RootHash(leafHashes, (int)start, (int)end));
    }

    /// <summary>Builds the RFC 9162 §2.1.4.1 consistency proof between two tree sizes, asking for subtree hashes.</summary>
    /// <param name="firstSize">The older tree size m, 0 &lt;= m &lt;= n.</param>
    /// <param name="secondSize">The newer tree size n.</param>
    /// <param name="subtreeHash">Returns MTH of the leaves <c>[start, end)</c>; called O(log n) times.</param>
    /// <returns>The proof; empty when m is 0 or m equals n.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="subtreeHash"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The sizes are negative or out of order.</exception>
    public static IReadOnlyList<byte[]> ConsistencyProof(long firstSize, long secondSize, Func<long, long, byte[]> subtreeHash)
    {
        ArgumentNullException.ThrowIfNull(subtreeHash);
        ArgumentOutOfRangeException.ThrowIfNegative(firstSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(firstSize, secondSize);
        var proof = new List<byte[]>();
        if (firstSize > 0 && firstSize < secondSize)
        {
            SubProof(firstSize, 0, secondSize, true, subtreeHash, proof);
        }

        return proof;
    }

    // PATH(m, D[start:end]) of RFC 9162 §2.1.3.1, with m relative to start; appends bottom-up.
    private static void Path(long m, long start, long end, Func<long, long, byte[]> subtreeHash, List<byte[]> path)
    {
        var n = end - start;
        if (n <= 1)
        {
            return;
        }

        var k = SplitPoint(n);
        if (m < k)
        {
            Path(m, start, start + k, subtreeHash, path);
            path.Add(subtreeHash(start + k, end));
        }
        else
        {
            Path(m - k, start + k, end, subtreeHash, path);
            path.Add(subtreeHash(start, start + k));
        }
    }

    // SUBPROOF(m, D[start:end], b) of RFC 9162 §2.1.4.1, with m relative to start.
    private static void SubProof(long m, long start, long end, bool isOriginalTree, Func<long, long, byte[]> subtreeHash, List<byte[]> proof)
    {
        var n = end - start;
        if (m == n)
        {
            if (!isOriginalTree)
            {
                proof.Add(subtreeHash(start, end));
            }

            return;
        }

        var k = SplitPoint(n);
        if (m <= k)
        {
            SubProof(m, start, start + k, isOriginalTree, subtreeHash, proof);
            proof.Add(subtreeHash(start + k, end));
        }
        else
        {
            SubProof(m - k, start + k, end, false, subtreeHash, proof);
            proof.Add(subtreeHash(start, start + k));
        }
    }
}
