using System.Security.Cryptography;

namespace Registry.Client.Transparency;

/// <summary>The RFC 6962 / RFC 9162 §2.1 Merkle tree over SHA-256: hashing, roots, proofs and their verification.</summary>
/// <remarks>
/// Leaves are identified by their 0-based index; a tree of size <c>n</c> holds leaves <c>0..n-1</c>. Every hash is 32 bytes.
/// The tree is never materialised: roots are folded from leaf hashes, and proofs ask a caller-supplied function for the
/// hashes of the few subtrees they need.
/// </remarks>
public static partial class MerkleTree
{
    /// <summary>The length of every hash in the tree, in bytes.</summary>
    public const int HashSize = 32;

    private static readonly byte[] EmptyRootHash = SHA256.HashData(ReadOnlySpan<byte>.Empty);

    /// <summary>Gets the root hash of the empty tree, SHA-256 of the empty string.</summary>
    /// <returns>A new copy of <c>e3b0c442…b855</c>.</returns>
    public static byte[] EmptyRoot() => (byte[])EmptyRootHash.Clone();

    /// <summary>Computes the leaf hash <c>SHA-256(0x00 || leafData)</c>.</summary>
    /// <param name="leafData">The leaf's bytes (for the audit log, the entry's canonical bytes).</param>
    /// <returns>The 32-byte leaf hash.</returns>
    public static byte[] LeafHash(ReadOnlySpan<byte> leafData)
    {
        // One-shot hashing of a prefixed copy is several times faster than an IncrementalHash per leaf.
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(1 + leafData.Length);
        try
        {
            buffer[0] = 0x00;
            leafData.CopyTo(buffer.AsSpan(1));
            return SHA256.HashData(buffer.AsSpan(0, 1 + leafData.Length));
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Computes the interior node hash <c>SHA-256(0x01 || left || right)</c>.</summary>
    /// <param name="left">The left child's hash.</param>
    /// <param name="right">The right child's hash.</param>
    /// <returns>The 32-byte node hash.</returns>
    public static byte[] NodeHash(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        Span<byte> buffer = stackalloc byte[1 + (2 * HashSize)];
        if (left.Length != HashSize || right.Length != HashSize)
        {
            var large = new byte[1 + left.Length + right.Length];
            large[0] = 0x01;
            left.CopyTo(large.AsSpan(1));
            right.CopyTo(large.AsSpan(1 + left.Length));
            return SHA256.HashData(large);
        }

        buffer[0] = 0x01;
        left.CopyTo(buffer[1..]);
        right.CopyTo(buffer[(1 + HashSize)..]);
        return SHA256.HashData(buffer);
    }

    /// <summary>Computes the root hash (MTH) of the tree whose leaves have the given hashes.</summary>
    /// <param name="leafHashes">The leaf hashes in index order.</param>
    /// <returns>The 32-byte root hash; <see cref="EmptyRoot"/> when there are no leaves.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="leafHashes"/> is null.</exception>
    public static byte[] RootHash(IReadOnlyList<byte[]> leafHashes)
    {
        ArgumentNullException.ThrowIfNull(leafHashes);
        return RootHash(leafHashes, 0, leafHashes.Count);
    }

    /// <summary>Computes the root hash (MTH) of the subtree over the leaves <c>[start, end)</c>.</summary>
    /// <param name="leafHashes">The leaf hashes in index order.</param>
    /// <param name="start">The first leaf index, inclusive.</param>
    /// <param name="end">The last leaf index, exclusive.</param>
    /// <returns>The 32-byte root hash of that range; <see cref="EmptyRoot"/> when it is empty.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="leafHashes"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The range is not within the list.</exception>
    public static byte[] RootHash(IReadOnlyList<byte[]> leafHashes, int start, int end)
    {
        ArgumentNullException.ThrowIfNull(leafHashes);
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfLessThan(end, start);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(end, leafHashes.Count);
        var frontier = new MerkleFrontier();
        for (var i = start; i < end; i++)
        {
            frontier.Append(leafHashes[i]);
        }

        return frontier.RootHash();
    }

    /// <summary>The largest power of two strictly below <paramref name="n"/> (RFC 9162's <c>k</c>); requires n &gt; 1.</summary>
    internal static long SplitPoint(long n) => 1L << (int)(63 - long.LeadingZeroCount(n - 1));
}
