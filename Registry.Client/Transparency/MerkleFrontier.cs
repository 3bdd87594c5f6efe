using System.Buffers.Binary;
using System.Numerics;

namespace Registry.Client.Transparency;

/// <summary>The right edge ("compact range" from 0) of an RFC 6962 tree: the roots of its perfect subtrees, so leaves
/// can be appended and the root computed in O(log n) time and memory without re-reading earlier leaves.</summary>
/// <remarks>
/// For a tree of size n there is one subtree per set bit of n, largest (leftmost) first. The sequencer keeps one of
/// these, appends each new leaf hash, and signs <see cref="RootHash"/>; it persists <see cref="ToBytes"/> so another
/// replica can resume with <see cref="FromBytes"/>. Not thread-safe.
/// </remarks>
public sealed class MerkleFrontier
{
    private readonly List<byte[]> _nodes;

    /// <summary>Initializes an empty frontier (tree size 0).</summary>
    public MerkleFrontier()
    {
        _nodes = [];
    }

    private MerkleFrontier(long size, List<byte[]> nodes)
    {
        Size = size;
        _nodes = nodes;
    }

    /// <summary>Gets the number of leaves appended so far (the tree size).</summary>
    public long Size { get; private set; }

    /// <summary>Gets the roots of the perfect subtrees, largest (leftmost) first; one per set bit of <see cref="Size"/>.</summary>
    public IReadOnlyList<byte[]> Nodes => _nodes;

    /// <summary>Appends one leaf hash.</summary>
    /// <param name="leafHash">The 32-byte leaf hash (see <see cref="MerkleTree.LeafHash"/>).</param>
    /// <exception cref="ArgumentNullException"><paramref name="leafHash"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="leafHash"/> is not 32 bytes.</exception>
    public void Append(byte[] leafHash)
    {
        ArgumentNullException.ThrowIfNull(leafHash);
        if (leafHash.Length != MerkleTree.HashSize)
        {
            throw new ArgumentException("A leaf hash must be 32 bytes.", nameof(leafHash));
        }

        var hash = (byte[])leafHash.Clone();
        for (var size = Size; (size & 1) == 1; size >>= 1)
        {
            hash = MerkleTree.NodeHash(_nodes[^1], hash);
            _nodes.RemoveAt(_nodes.Count - 1);
        }

        _nodes.Add(hash);
        Size++;
    }

    /// <summary>Computes the root hash of the tree of <see cref="Size"/> leaves.</summary>
    /// <returns>The 32-byte root hash; the empty-tree hash when the size is 0.</returns>
    public byte[] RootHash()
    {
        if (_nodes.Count == 0)
        {
            return MerkleTree.EmptyRoot();
        }

        var root = _nodes[^1];
        for (var i = _nodes.Count - 2; i >= 0; i--)
        {
            root = MerkleTree.NodeHash(_nodes[i], root);
        }

        return (byte[])root.Clone();
    }

    /// <summary>Creates an independent copy.</summary>
    /// <returns>A frontier with the same size and nodes.</returns>
    public MerkleFrontier Clone() => new(Size, [.. _nodes]);

    /// <summary>Serialises the frontier: the size as 8 bytes big-endian, then the 32-byte nodes, largest first.</summary>
    /// <returns>8 + 32 × popcount(size) bytes.</returns>
    public byte[] ToBytes()
    {
        var bytes = new byte[8 + (_nodes.Count * MerkleTree.HashSize)];
        BinaryPrimitives.WriteInt64BigEndian(bytes, Size);
        for (var i = 0; i < _nodes.Count; i++)
        {
            _nodes[i].CopyTo(bytes, 8 + (i * MerkleTree.HashSize));
        }

        return bytes;
    }

    /// <summary>Restores a frontier written by <see cref="ToBytes"/>.</summary>
    /// <param name="bytes">The serialised frontier.</param>
    /// <returns>The restored frontier.</returns>
    /// <exception cref="FormatException">The bytes are not a valid serialised frontier.</exception>
    public static MerkleFrontier FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 8)
        {
            throw new FormatException("A serialised Merkle frontier starts with an 8-byte size.");
        }

        var size = BinaryPrimitives.ReadInt64BigEndian(bytes);
        if (size < 0 || bytes.Length != 8 + (BitOperations.PopCount((ulong)size) * MerkleTree.HashSize))
        {
            throw new FormatException("The serialised Merkle frontier has a negative size or the wrong number of nodes.");
        }

        var nodes = new List<byte[]>();
        for (var offset = 8; offset < bytes.Length; offset += MerkleTree.HashSize)
        {
            nodes.Add(bytes.Slice(offset, MerkleTree.HashSize).ToArray());
        }

        return new MerkleFrontier(size, nodes);
    }
}
