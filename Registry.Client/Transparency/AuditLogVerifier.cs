namespace Registry.Client.Transparency;

/// <summary>Verifies an audit log offline: every row against its leaf hash and position, and every signed checkpoint
/// against the root recomputed from the rows' content.</summary>
/// <remarks>
/// Rows must come in stored sequence order (as exported, or <c>ORDER BY sequence</c>). Verification stops at the
/// first problem in sequence order and names it; see docs/audit.md for the exact rules. Memory is O(log n) plus the
/// checkpoints, so rows can be streamed. Thread-safe: each call is independent.
/// </remarks>
public sealed class AuditLogVerifier
{
    private readonly NoteVerifier _verifier;
    private readonly AuditLogVerifierOptions _options;

    /// <summary>Initializes a new instance of the <see cref="AuditLogVerifier"/> class.</summary>
    /// <param name="verifier">The log's checkpoint verifier key.</param>
    /// <param name="options">The range and other options; defaults when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="verifier"/> is null.</exception>
    /// <exception cref="ArgumentException">The options are inconsistent (negative or reversed range, a start frontier
    /// whose size is not <see cref="AuditLogVerifierOptions.FromSequence"/>, a negative search window).</exception>
    public AuditLogVerifier(NoteVerifier verifier, AuditLogVerifierOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        options ??= new AuditLogVerifierOptions();
        if (options.FromSequence < 0 || options.ToSequence < options.FromSequence || options.ReorderSearchWindow < 0
            || (options.StartFrontier is { } frontier && frontier.Size != options.FromSequence))
        {
            throw new ArgumentException("Invalid audit log verifier options.", nameof(options));
        }

        _verifier = verifier;
        _options = options;
    }

    /// <summary>Verifies rows read synchronously.</summary>
    /// <param name="rows">The stored rows, in stored order, from 0 (or from the start frontier's size).</param>
    /// <param name="signedCheckpoints">The signed checkpoint notes, in any order.</param>
    /// <returns>The result; <see cref="AuditVerificationResult.Ok"/> when the log verifies.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public AuditVerificationResult Verify(IEnumerable<AuditLogRow> rows, IEnumerable<string> signedCheckpoints)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(signedCheckpoints);
        var run = new AuditLogVerification(_verifier, signedCheckpoints, _options);
        run.Start();
        foreach (var row in rows)
        {
            if (run.IsDone)
            {
                break;
            }

            run.Push(row);
        }

        return run.Complete();
    }

    /// <summary>Verifies rows streamed asynchronously (e.g. from a database reader or a gRPC stream).</summary>
    /// <param name="rows">The stored rows, in stored order, from 0 (or from the start frontier's size).</param>
    /// <param name="signedCheckpoints">The signed checkpoint notes, in any order.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The result; <see cref="AuditVerificationResult.Ok"/> when the log verifies.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public async Task<AuditVerificationResult> VerifyAsync(IAsyncEnumerable<AuditLogRow> rows, IEnumerable<string> signedCheckpoints, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(signedCheckpoints);
        var run = new AuditLogVerification(_verifier, signedCheckpoints, _options);
        run.Start();
        await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (run.IsDone)
            {
                break;
            }

            run.Push(row);
        }

        return run.Complete();
    }
}
