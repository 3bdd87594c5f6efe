using System.Security.Cryptography;

namespace Registry.Client.Transparency;

/// <summary>One verification run: rows are pushed in stored order with one row of look-ahead; memory is the frontier
/// plus the checkpoints.</summary>
internal sealed class AuditLogVerification
{
    private readonly AuditLogVerifierOptions _options;
    private readonly CheckpointSchedule _checkpoints;
    private readonly MerkleFrontier _frontier;
    private AuditLogRow? _pending;
    private long _entriesVerified;

    public AuditLogVerification(NoteVerifier verifier, IEnumerable<string> signedCheckpoints, AuditLogVerifierOptions options)
    {
        _options = options;
        _frontier = options.StartFrontier?.Clone() ?? new MerkleFrontier();
        if (options.StartFrontier is { } start && start.Size != options.FromSequence)
        {
            throw new ArgumentException("The start frontier's size must equal FromSequence.", nameof(options));
        }

        _checkpoints = new CheckpointSchedule(signedCheckpoints, verifier, options);
    }

    public AuditVerificationResult? Failure { get; private set; }

    public bool IsDone => Failure is not null || _frontier.Size > _options.ToSequence;

    public void Start() => Failure = WithCounts(_checkpoints.CheckReached(_frontier));

    public void Push(AuditLogRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (_pending is not null && !IsDone)
        {
            Failure = WithCounts(Process(_pending, row) ?? _checkpoints.CheckReached(_frontier));
        }

        _pending = row;
    }

    public AuditVerificationResult Complete()
    {
        if (_pending is not null && !IsDone)
        {
            Failure = WithCounts(Process(_pending, null) ?? _checkpoints.CheckReached(_frontier));
        }

        if (Failure is null && !(_frontier.Size > _options.ToSequence))
        {
            Failure = WithCounts(_checkpoints.CheckEnd(_frontier));
        }

        if (Failure is not null)
        {
            return Failure;
        }

        var covered = _checkpoints.LastVerifiedSize ?? _options.FromSequence;
        var tail = _frontier.Size > covered ? $"; entries from {covered} on are not yet covered by a checkpoint" : string.Empty;
        return new AuditVerificationResult
        {
            EntriesVerified = _entriesVerified,
            CheckpointsVerified = _checkpoints.Verified,
            Message = $"The audit log verifies: {_entriesVerified} entries and {_checkpoints.Verified} checkpoints{tail}.",
        };
    }

    private AuditVerificationResult? Process(AuditLogRow row, AuditLogRow? next)
    {
        var expected = _frontier.Size;
        if (row.Sequence > expected)
        {
            return next?.Sequence == expected
                ? Bad(AuditVerificationProblem.Reordered, expected, $"Sequence {expected} is stored after sequence {row.Sequence}.")
                : Bad(AuditVerificationProblem.Missing, expected, $"Sequence {expected} is missing (the next stored row is {row.Sequence}).");
        }

        if (row.Sequence < expected)
        {
            return Bad(AuditVerificationProblem.Inserted, row.Sequence, $"Sequence {row.Sequence} appears more than once: a row was inserted.");
        }

        if (expected < _options.FromSequence)
        {
            // Before the range without a start frontier: trust the stored hash only to rebuild the tree.
            return Append(row.LeafHash, countEntry: false);
        }

        var hash = AuditEntryEncoding.LeafHash(expected, row.Entry);
        return Matches(hash, row.LeafHash) ? Append(hash, countEntry: true) : Diagnose(row, next, expected);
    }

    private AuditVerificationResult? Append(byte[] leafHash, bool countEntry)
    {
        if (leafHash is not { Length: MerkleTree.HashSize })
        {
            return Bad(AuditVerificationProblem.Modified, _frontier.Size, $"Sequence {_frontier.Size} has no valid stored leaf hash.");
        }

        _frontier.Append(leafHash);
        _entriesVerified += countEntry ? 1 : 0;
        return null;
    }

    // The row's content does not hash to its stored hash at its position: find where it was signed, if nearby.
    private AuditVerificationResult Diagnose(AuditLogRow row, AuditLogRow? next, long expected)
    {
        var signedAt = FindSignedPosition(row, expected);
        var nextBelongsAt = (long position) => next is not null && Matches(AuditEntryEncoding.LeafHash(position, next.Entry), next.LeafHash);
        if (signedAt == expected + 1 && nextBelongsAt(expected))
        {
            return Bad(AuditVerificationProblem.Reordered, expected, $"Sequences {expected} and {expected + 1} are swapped.");
        }

        return signedAt switch
        {
            null when nextBelongsAt(expected) =>
                Bad(AuditVerificationProblem.Inserted, expected, $"A row was inserted at sequence {expected}: the entry signed as {expected} follows it."),
            null => Bad(AuditVerificationProblem.Modified, expected, $"Sequence {expected} was modified: its content no longer hashes to its stored leaf hash."),
            { } at when at < expected && (next is null || nextBelongsAt(at + 1)) =>
                Bad(AuditVerificationProblem.Inserted, at, $"{expected - at} row(s) were inserted at sequence {at}: the entry signed as {at} is now stored as {expected}."),
            { } at when at > expected && (next is null || nextBelongsAt(at + 1)) =>
                Bad(AuditVerificationProblem.Missing, expected, $"Sequence {expected} is missing: {at - expected} row(s) were deleted and later rows renumbered (the entry signed as {at} is stored as {expected})."),
            { } at => Bad(AuditVerificationProblem.Reordered, expected, $"Sequence {expected} holds the entry signed as sequence {at}: rows were reordered."),
        };
    }

    private long? FindSignedPosition(AuditLogRow row, long expected)
    {
        for (long distance = 1; distance <= _options.ReorderSearchWindow; distance++)
        {
            foreach (var candidate in (ReadOnlySpan<long>)[expected + distance, expected - distance])
            {
                if (candidate >= 0 && Matches(AuditEntryEncoding.LeafHash(candidate, row.Entry), row.LeafHash))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    private static bool Matches(byte[] computed, byte[]? stored) =>
        stored is { Length: MerkleTree.HashSize } && CryptographicOperations.FixedTimeEquals(computed, stored);

    private static AuditVerificationResult Bad(AuditVerificationProblem problem, long sequence, string message) =>
        new() { Problem = problem, FirstBadSequence = sequence, Message = message };

    private AuditVerificationResult? WithCounts(AuditVerificationResult? result) =>
        result is null ? null : result with { EntriesVerified = _entriesVerified, CheckpointsVerified = _checkpoints.Verified };
}
