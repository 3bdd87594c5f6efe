using System.Security.Cryptography;

namespace Registry.Client.Transparency;

/// <summary>The checkpoints to verify, in tree-size order, each checked when the recomputed tree reaches its size.</summary>
internal sealed class CheckpointSchedule
{
    private readonly Queue<Item> _pending;
    private long _previousSize;
    private long _previousStart;
    private byte[]? _previousRoot;

    public CheckpointSchedule(IEnumerable<string> signedCheckpoints, NoteVerifier verifier, AuditLogVerifierOptions options)
    {
        var from = options.FromSequence;
        var end = options.ToSequence + 1;
        var origin = options.Origin;
        var items = new List<Item>();
        foreach (var note in signedCheckpoints)
        {
            var item = Classify(note, verifier);
            if (item.Checkpoint is { } checkpoint && item.Error is null)
            {
                origin ??= checkpoint.Origin;
                if (checkpoint.Origin != origin)
                {
                    item = item with { Error = "is for another log origin" };
                }
            }

            if (item.Size is null || (item.Size >= from && !(item.Size > end)) || (from == 0 && item.Size == 0))
            {
                items.Add(item);
            }
        }

        _pending = new Queue<Item>(items.OrderBy(i => i.Size ?? -1));
        _previousSize = _previousStart = from;
    }

    public long Verified { get; private set; }

    public long? LastVerifiedSize { get; private set; }

    /// <summary>Checks every pending checkpoint whose size the tree has reached; returns the first failure.</summary>
    public AuditVerificationResult? CheckReached(MerkleFrontier frontier)
    {
        while (_pending.TryPeek(out var head))
        {
            var sameAsPrevious = head.Size == _previousSize && _previousRoot is not null;
            var start = sameAsPrevious ? _previousStart : _previousSize;
            if (head.Error is not null)
            {
                var sealedRange = head.Size > start ? $" (it seals entries {start}..{head.Size - 1})" : string.Empty;
                return Failure(AuditVerificationProblem.BadSignature, head.Size is null ? null : start, head,
                    $"The checkpoint {Describe(head)} {head.Error}{sealedRange}.", start);
            }

            if (head.Size != frontier.Size)
            {
                return null;
            }

            var root = frontier.RootHash();
            if (!CryptographicOperations.FixedTimeEquals(root, head.Checkpoint!.RootHash))
            {
                var why = sameAsPrevious
                    ? $"has a different root than another signed checkpoint of the same size: the log signed two inconsistent views (entries {start}..{head.Size - 1})"
                    : start == head.Size
                        ? "does not match the tree built from the start frontier: the stored hashes before it differ from what was signed"
                        : $"does not match the root recomputed from entries 0..{head.Size - 1}: entries {start}..{head.Size - 1} were altered after signing (their stored hashes were rewritten consistently)";
                return Failure(AuditVerificationProblem.RootMismatch, start == head.Size ? null : start, head,
                    $"The checkpoint {Describe(head)} {why}.", start);
            }

            _pending.Dequeue();
            Verified++;
            LastVerifiedSize = head.Size;
            if (!sameAsPrevious)
            {
                _previousStart = _previousSize;
            }

            _previousSize = head.Size.Value;
            _previousRoot = root;
        }

        return null;
    }

    /// <summary>After the last row: a checkpoint still pending covers rows that are absent.</summary>
    public AuditVerificationResult? CheckEnd(MerkleFrontier frontier)
    {
        if (CheckReached(frontier) is { } failure)
        {
            return failure;
        }

        if (!_pending.TryPeek(out var head))
        {
            return null;
        }

        return Failure(AuditVerificationProblem.Missing, frontier.Size, head,
            $"Sequence {frontier.Size} is missing: the log ends there but the checkpoint {Describe(head)} covers entries up to {head.Size - 1}.",
            _previousSize);
    }

    private AuditVerificationResult Failure(AuditVerificationProblem problem, long? firstBad, Item item, string message, long start) => new()
    {
        Problem = problem,
        FirstBadSequence = firstBad,
        BadCheckpointFromSize = item.Size is null ? null : start,
        BadCheckpointToSize = item.Size,
        CheckpointsVerified = Verified,
        Message = message,
    };

    private static string Describe(Item item) => item.Size is null ? "that cannot be parsed" : $"of size {item.Size}";

    private static Item Classify(string note, NoteVerifier verifier)
    {
        if (!SignedNote.TryParse(note, out var parsed))
        {
            return new Item(null, null, "is not a well-formed signed note");
        }

        var claimed = Checkpoint.TryParse(parsed.Text, out var body) ? body : null;
        if (!verifier.Verify(parsed))
        {
            return new Item(claimed?.TreeSize, claimed, $"has no valid signature by key {verifier.Name}");
        }

        return claimed is null
            ? new Item(null, null, "is signed but its body is not a well-formed checkpoint")
            : new Item(claimed.TreeSize, claimed, null);
    }

    private sealed record Item(long? Size, Checkpoint? Checkpoint, string? Error);
}
