using System.Security.Cryptography;

namespace Registry.Client.Transparency;

public static partial class MerkleTree
{
    /// <summary>Verifies an inclusion proof with the algorithm of RFC 9162 §2.1.3.2.</summary>
    /// <param name="leafIndex">The 0-based index of the leaf.</param>
    /// <param name="treeSize">The size of the tree.</param>
    /// <param name="leafHash">The leaf hash (see <see cref="LeafHash"/>).</param>
    /// <param name="proof">The audit path, bottom-up.</param>
    /// <param name="rootHash">The trusted root hash of the tree of <paramref name="treeSize"/> leaves.</param>
    /// <returns>True when the proof proves the leaf at that index; false otherwise, including for malformed input.</returns>
    public static bool VerifyInclusion(long leafIndex, long treeSize, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]>? proof, ReadOnlySpan<byte> rootHash)
    {
        // 1. leaf_index must be below tree_size (negative values cannot be expressed in the RFC and fail too).
        if (proof is null || leafIndex < 0 || leafIndex >= treeSize || leafHash.Length != HashSize || !AllHashes(proof))
        {
            return false;
        }

        // 2. fn = leaf_index, sn = tree_size - 1; 3. r = hash.
        var fn = (ulong)leafIndex;
        var sn = (ulong)(treeSize - 1);
        var r = leafHash.ToArray();

        // 4. For each p in the inclusion path:
        foreach (var p in proof)
        {
            // a. If sn is 0, fail.
            if (sn == 0)
            {
                return false;
            }

            // b. If LSB(fn) is set or fn == sn: r = HASH(0x01 || p || r), then shift until LSB(fn) is set or fn is 0.
            if ((fn & 1) == 1 || fn == sn)
            {
                r = NodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                r = NodeHash(r, p);
            }

            // c. Right-shift fn and sn once.
            fn >>= 1;
            sn >>= 1;
        }

        // 5. sn must be 0 and r must equal the root.
        return sn == 0 && CryptographicOperations.FixedTimeEquals(r, rootHash);
    }

    /// <summary>Verifies a consistency proof with the algorithm of RFC 9162 §2.1.4.2.</summary>
    /// <param name="firstSize">The older tree size m.</param>
    /// <param name="secondSize">The newer tree size n.</param>
    /// <param name="firstRoot">The trusted root of the tree of size m.</param>
    /// <param name="secondRoot">The trusted root of the tree of size n.</param>
    /// <param name="proof">The consistency proof.</param>
    /// <returns>True when the tree of size m is a prefix of the tree of size n. When m equals n the proof must be
    /// empty and the roots equal; when m is 0 the proof must be empty (the empty tree is a prefix of every tree).
    /// False otherwise, including for malformed input.</returns>
    public static bool VerifyConsistency(long firstSize, long secondSize, ReadOnlySpan<byte> firstRoot, ReadOnlySpan<byte> secondRoot, IReadOnlyList<byte[]>? proof)
    {
        if (proof is null || firstSize < 0 || firstSize > secondSize || firstRoot.Length != HashSize
            || secondRoot.Length != HashSize || !AllHashes(proof))
        {
            return false;
        }

        if (firstSize == secondSize)
        {
            return proof.Count == 0 && CryptographicOperations.FixedTimeEquals(firstRoot, secondRoot);
        }

        if (firstSize == 0)
        {
            return proof.Count == 0;
        }

        // 1. An empty path fails.
        if (proof.Count == 0)
        {
            return false;
        }

        // 2. If first is an exact power of 2, prepend first_hash to the path.
        var path = new List<byte[]>(proof.Count + 1);
        if ((firstSize & (firstSize - 1)) == 0)
        {
            path.Add(firstRoot.ToArray());
        }

        path.AddRange(proof);

        // 3. fn = first - 1, sn = second - 1; 4. shift both while LSB(fn) is set.
        var fn = (ulong)(firstSize - 1);
        var sn = (ulong)(secondSize - 1);
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }

        // 5. fr = sr = the first value of the path.
        var fr = path[0];
        var sr = path[0];

        // 6. For each subsequent value c:
        for (var i = 1; i < path.Count; i++)
        {
            var c = path[i];
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                fr = NodeHash(c, fr);
                sr = NodeHash(c, sr);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                sr = NodeHash(sr, c);
            }

            fn >>= 1;
            sn >>= 1;
        }

        // 7. fr must equal first_hash, sr second_hash, and sn must be 0.
        return sn == 0 && CryptographicOperations.FixedTimeEquals(fr, firstRoot)
            && CryptographicOperations.FixedTimeEquals(sr, secondRoot);
    }

    private static bool AllHashes(IReadOnlyList<byte[]> proof)
    {
        foreach (var hash in proof)
        {
            if (hash is null || hash.Length != HashSize)
            {
                return false;
            }
        }

        return true;
    }
}
