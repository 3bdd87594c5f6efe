using Registry.Service.Audit;
using Registry.Service.Consent;
using Registry.Service.Identity;
using Registry.Service.Infrastructure;
using Registry.Service.Records;

namespace Registry.Service.Checks;

/// <summary>
/// Answers checks under a consent (spec §3, §4). Every outcome, refusals included, is audited before it is
/// returned; the consent's use is counted in the same transaction as the entry, and re-checked there, so
/// concurrent checks on any replica can never use a consent more than <c>max_uses</c> times. The one exception is a
/// retry given an answer that an entry already records (<see cref="CheckRepeats"/>).
/// </summary>
/// <remarks>
/// A singleton with no per-call context or scope: the consent and the subject's record facts are read with two
/// prepared, index-driven commands on a pooled read connection (<see cref="ReadSessionPool"/>). A consent this replica
/// read before comes from <see cref="ConsentCache"/> instead, and decides alone only what never changes (partner,
/// subject, purpose); what does (revoked, expired, used up, already answered) is read again, or re-decided by the use's
/// UPDATE in the audit transaction, so a revocation committed by any replica sharing the database holds for every check
/// that starts after it. A subject's facts this replica read before come from <see cref="RecordFactsCache"/>: a
/// correction, an expunge or an import holds for every check that starts after it on the replica that made it, and
/// within <see cref="RecordsOptions.MaxStaleness"/> on every other. A cancelled check stops before its audit write and
/// discloses nothing.
/// </remarks>
public sealed class CheckHandler(
    ReadSessionPool sessions,
    ConsentCache consents,
    RecordFactsCache recordFacts,
    SubjectKeyRing keyRing,
    IAuditLog auditLog,
    TimeProvider timeProvider,
    DisclosurePolicy disclosure,
    CheckMetrics metrics,
    RegistryActivitySource tracing)
{

    /// <summary>
    /// The check's answer, or its refusal as an unthrown <see cref="RegistryException"/> (audited either way). A
    /// refusal is an expected answer: thrown through the async frames and the interceptor it cost more CPU than
    /// the whole check (docs/benchmarks.md), and a refused check must be no slower than an answered one.
    /// </summary>
    public async Task<CheckItemOutcome> HandleAsync(Caller caller, CheckCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(command);
        using var activity = tracing.Start(CheckMetrics.CheckSpan);
        var started = metrics.Start();
        try
        {
            var outcome = await HandleOneAsync(caller, command, cancellationToken);
            metrics.Checked(started, outcome, activity);
            return outcome;
        }
        catch (Exception ex)
        {
            metrics.Failed(started, ex, 1, activity);
            throw;
        }
    }

    /// <summary>
    /// Answers each item on its own, as <see cref="HandleAsync"/> would, but reads them all on one session and
    /// queues all their entries at once, so they share the audit writer's commits. An audit failure fails the
    /// whole batch (fail closed: nothing disclosed); any other failure is that item's answer.
    /// </summary>
    public async Task<IReadOnlyList<CheckItemOutcome>> HandleBatchAsync(Caller caller, IReadOnlyList<CheckCommand> commands, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(commands);
        using var activity = tracing.Start(CheckMetrics.BatchSpan);
        activity?.SetTag("registry.check.items", commands.Count);
        var started = metrics.Start();
        try
        {
            var outcomes = await HandleItemsAsync(caller, commands, cancellationToken);
            metrics.Checked(started, outcomes);
            return outcomes;
        }
        catch (Exception ex)
        {
            metrics.Failed(started, ex, commands.Count, activity);
            throw;
        }
    }

    private async Task<CheckItemOutcome> HandleOneAsync(Caller caller, CheckCommand command, CancellationToken cancellationToken)
    {
        var purpose = Validate(command);
        var session = await sessions.RentAsync(cancellationToken);
        var failed = true;
        PendingCheck pending;
        try
        {
            pending = await EvaluateAsync(session, caller, command, purpose, fresh: false, cancellationToken);
            failed = false;
        }
        finally
        {
            sessions.Return(session, failed);
        }

        cancellationToken.ThrowIfCancellationRequested();
        return await CommitAsync(pending, decideAgain: true, cancellationToken);
    }

    /// <summary>
    /// Decides a check again on what the database holds now, once its use was withdrawn: the consent it was evaluated on
    /// (from the cache, or read before a concurrent call committed) did not yet show that its request was already answered.
    /// </summary>
    private async Task<CheckItemOutcome> DecideAgainAsync(PendingCheck withdrawn, CancellationToken cancellationToken)
    {
        var session = await sessions.RentAsync(cancellationToken);
        var failed = true;
        PendingCheck pending;
        try
        {
            pending = await EvaluateAsync(session, withdrawn.Caller, withdrawn.Command, withdrawn.Record.Purpose!.Value, fresh: true, cancellationToken);
            failed = false;
        }
        finally
        {
            sessions.Return(session, failed);
        }

        cancellationToken.ThrowIfCancellationRequested();
        return await CommitAsync(pending, decideAgain: false, cancellationToken);
    }

    private async Task<IReadOnlyList<CheckItemOutcome>> HandleItemsAsync(Caller caller, IReadOnlyList<CheckCommand> commands, CancellationToken cancellationToken)
    {
        var outcomes = new CheckItemOutcome[commands.Count];
        var pending = new PendingCheck?[commands.Count];
        var session = await sessions.RentAsync(cancellationToken);
        var failed = true;
        try
        {
            for (var i = 0; i < commands.Count; i++)
            {
                try
                {
                    pending[i] = await EvaluateAsync(session, caller, commands[i], Validate(commands[i]), fresh: false, cancellationToken);
                }
                catch (RegistryException ex)
                {
                    outcomes[i] = new CheckItemOutcome(null, ex);
                }
            }

            failed = false;
        }
        finally
        {
            sessions.Return(session, failed);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var commits = Array.ConvertAll(pending, p => p is null ? null : CommitAsync(p, decideAgain: true, cancellationToken));
        RegistryException? auditFailure = null;
        for (var i = 0; i < commits.Length; i++)
        {
            if (commits[i] is not { } commit)
            {
                continue;
            }

            try
            {
                outcomes[i] = await commit;
            }
            catch (RegistryException ex) when (ex.Reason == RegistryErrors.AuditUnavailableReason)
            {
                auditFailure ??= ex;
            }
        }

        return auditFailure is null ? outcomes : throw auditFailure;
    }

    /// <param name="fresh">Read the consent from the database even when the cache holds it.</param>
    private async Task<PendingCheck> EvaluateAsync(
        ReadSession session, Caller caller, CheckCommand command, ConsentPurpose purpose, bool fresh, CancellationToken cancellationToken)
    {
        var subject = keyRing.Derive(command.H1);
        var now = timeProvider.GetUtcNow();
        var record = new AuditRecord
        {
            Action = AuditActions.Check,
            Actor = caller,
            Outcome = AuditOutcomes.Refused,
            Subject = subject,
            ConsentId = command.ConsentId,
            Purpose = purpose,
            RequestId = command.RequestId,
        };

        ConsentState? consent = null;
        var cached = !fresh && consents.TryGet(command.ConsentId, out consent);
        if (!cached)
        {
            using (tracing.Start(CheckMetrics.ConsentLookupSpan))
            {
                consent = await ConsentLookupCommand.FindAsync(session, command.ConsentId, cancellationToken);
            }

            if (consent is not null)
            {
                consents.Set(consent);
            }
        }

        var refusal = ConsentRules.Refusal(caller, consent, subject, purpose, now.UtcDateTime);
        // A retry of a check already answered (lost response) is answered again without a new use, even when that
        // first answer used the last use; any other refusal (revoked, expired, …) still holds.
        var isRepeat = (refusal is null or ConsentRefusals.UsedUp) && CheckRepeats.IsRepeat(consent!, command);
        if (cached && (isRepeat || ConsentRules.IsStateRefusal(refusal)))
        {
            // Decided on what changes: only the database's own state may decide it.
            return await EvaluateAsync(session, caller, command, purpose, fresh: true, cancellationToken);
        }

        var pending = new PendingCheck(caller, command, record, consent);
        if (refusal is not null && !isRepeat)
        {
            return pending with { Record = record with { Reason = refusal }, Refusal = refusal };
        }

        if (!recordFacts.TryGet(subject.Value, out var facts))
        {
            var generation = recordFacts.Generation;
            using (tracing.Start(CheckMetrics.RecordsLookupSpan))
            {
                facts = await RecordFactsLookupCommand.FindAsync(session, subject.Value, cancellationToken);
            }

            recordFacts.Set(subject.Value, facts, generation);
        }

        var answer = Answer(facts, consent!.Scope, now);
        record = record with { Outcome = answer.RecordFound ? AuditOutcomes.RecordFound : AuditOutcomes.NoRecord };
        var remaining = consent.MaxUses - consent.Uses;
        // Only a check with a request id can be retried, so only its answer is remembered.
        var digest = command.RequestId is null ? null : CheckRepeats.Digest(answer);
        if (isRepeat)
        {
            return CheckRepeats.AuditedAs(consent, digest!) is { } auditedAs
                ? pending with { Record = record, Answer = answer, UsesRemaining = remaining, AuditedAs = auditedAs }
                : pending with { Record = record with { Reason = CheckRepeats.RepeatedReason }, Answer = answer, UsesRemaining = remaining };
        }

        var entryId = Guid.CreateVersion7(now).ToString();
        var use = new ConsentUse(consent.Id, command.RequestId, now.UtcDateTime, digest, entryId);
        return pending with { Record = record with { EntryId = entryId }, Use = use, Answer = answer };
    }

    /// <param name="decideAgain">Whether a withdrawn use is decided again (once) rather than failed.</param>
    private async Task<CheckItemOutcome> CommitAsync(PendingCheck pending, bool decideAgain, CancellationToken cancellationToken)
    {
        if (pending.AuditedAs is { } auditedAs)
        {
            return new CheckItemOutcome(
                new CheckResult(pending.Answer!.RecordFound, pending.Answer.Summary, auditedAs, pending.UsesRemaining, Replayed: true), null);
        }

        using var activity = tracing.Start(CheckMetrics.AuditWaitSpan);
        if (pending.Refusal is { } refusal)
        {
            var refused = await auditLog.AppendAsync(pending.Record, null, cancellationToken);
            return new CheckItemOutcome(null, ConsentErrors.Refused(refusal, refused.EntryId));
        }

        if (pending.Use is not { } use)
        {
            var repeated = await auditLog.AppendAsync(pending.Record, null, cancellationToken);
            return Answered(pending, repeated.EntryId, pending.UsesRemaining);
        }

        var receipt = await auditLog.AppendPreparedAsync(pending.Record, use, cancellationToken);
        if (receipt.IsWithdrawn)
        {
            consents.Evict(use.ConsentId);
            return decideAgain ? await DecideAgainAsync(pending, cancellationToken) : new CheckItemOutcome(null, CheckRepeats.Conflict());
        }

        if (receipt.RefusalReason is { } lateRefusal)
        {
            consents.Evict(use.ConsentId);
            return new CheckItemOutcome(null, ConsentErrors.Refused(lateRefusal, receipt.EntryId));
        }

        // The count the database holds now, other replicas' uses included; not the count the check was evaluated on.
        consents.Used(pending.Consent!, use.UsesAfter, use.RequestId, use.AnswerDigest, receipt.EntryId);
        return Answered(pending, receipt.EntryId, pending.Consent!.MaxUses - use.UsesAfter);
    }

    private static CheckItemOutcome Answered(PendingCheck pending, string entryId, int usesRemaining) =>
        new(new CheckResult(pending.Answer!.RecordFound, pending.Answer.Summary, entryId, usesRemaining), null);

    private CheckAnswer Answer(IReadOnlyList<RecordFacts> facts, ConsentScope scope, DateTimeOffset now)
    {
        if (facts.Count == 0)
        {
            return CheckAnswer.NoRecord;
        }

        var today = disclosure.Today(now);
        var disclosable = facts.Where(f => disclosure.IsDisclosable(f, today)).ToList();
        if (disclosable.Count == 0)
        {
            return CheckAnswer.NoRecord;
        }

        if (scope != ConsentScope.Summary)
        {
            return CheckAnswer.Found;
        }

        var categories = disclosable
            .GroupBy(f => f.Category)
            .OrderBy(g => g.Key)
            .Select(g => new CategorySummary(g.Key, g.Count(), g.Max(f => f.DecisionDate)))
            .ToList();
        return new CheckAnswer(true, new CheckSummary(categories, disclosable.Any(f => disclosure.IsOrderInForce(f, today))));
    }

    private static ConsentPurpose Validate(CheckCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var violations = new List<FieldViolation>();
        RequestValidation.Identifier(violations, "consent_id", command.ConsentId, ConsentIds.MaxLength);

        RequestValidation.H1(violations, "h1", command.H1);
        if (command.Purpose is null)
        {
            violations.Add(new FieldViolation("purpose", "is required"));
        }

        RequestValidation.RequestId(violations, "request_id", command.RequestId);
        RequestValidation.ThrowIfAny(violations);
        return command.Purpose!.Value;
    }

    /// <summary>
    /// A check evaluated but not yet audited: its entry, and either its refusal or its answer and consent use; or a retry
    /// whose answer an entry already records (<see cref="AuditedAs"/>), which is answered without a write. The call and
    /// the consent it was evaluated on go with it, for the cache and for a withdrawn use to be decided again.
    /// </summary>
    private sealed record PendingCheck(Caller Caller, CheckCommand Command, AuditRecord Record, ConsentState? Consent)
    {
        public string? Refusal { get; init; }

        public ConsentUse? Use { get; init; }

        public CheckAnswer? Answer { get; init; }

        /// <summary>For a retry, the uses the consent has left; a new use is given the count its UPDATE returned.</summary>
        public int UsesRemaining { get; init; }

        public string? AuditedAs { get; init; }
    }
}
