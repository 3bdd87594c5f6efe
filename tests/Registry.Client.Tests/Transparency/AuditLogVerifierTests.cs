using Registry.Client.Transparency;

namespace Registry.Client.Tests.Transparency;

public sealed class AuditLogVerifierTests : IDisposable
{
    private readonly AuditLogBuilder _log = new();

    [Fact]
    public void Verify_CleanLog_VerifiesEveryEntryAndCheckpoint()
    {
        var sut = CreateSut();

        var result = sut.Verify(_log.Rows, _log.Checkpoints);

        Assert.True(result.Ok, result.Message);
        Assert.Equal((300L, 5L, (long?)null), (result.EntriesVerified, result.CheckpointsVerified, result.FirstBadSequence));
        Assert.Contains("from 290", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_CleanLogStreamed_Verifies()
    {
        var sut = CreateSut();

        var result = await sut.VerifyAsync(_log.Rows.ToAsyncEnumerable(), _log.Checkpoints, TestContext.Current.CancellationToken);

        Assert.True(result.Ok, result.Message);
        Assert.Equal(5, result.CheckpointsVerified);
    }

    [Fact]
    public void Verify_RowDeleted_ReportsMissing() => AssertProblem(_log.Delete(120), AuditVerificationProblem.Missing, 120);

    [Fact]
    public void Verify_RowDeletedAndLaterRowsRenumbered_ReportsMissing() =>
        AssertProblem(_log.Delete(120, renumber: true), AuditVerificationProblem.Missing, 120);

    [Fact]
    public void Verify_RowsDeletedAtTheEndUnderACheckpoint_ReportsMissing() =>
        AssertProblem(_log.Delete(299).Delete(298).Delete(285), AuditVerificationProblem.Missing, 285);

    [Fact]
    public void Verify_TailTruncatedBelowACheckpoint_ReportsMissingAtTheEnd()
    {
        _log.Rows.RemoveRange(280, 20);

        AssertProblem(_log, AuditVerificationProblem.Missing, 280, checkpointFrom: 256, checkpointTo: 290);
    }

    [Fact]
    public void Verify_RowModified_ReportsModified() => AssertProblem(_log.Modify(120), AuditVerificationProblem.Modified, 120);

    [Fact]
    public void Verify_RowInsertedWithValidHashAndLaterRowsShifted_ReportsInserted() =>
        AssertProblem(_log.InsertShifting(120, validHash: true), AuditVerificationProblem.Inserted, 120);

    [Fact]
    public void Verify_RowInsertedWithBadHashAndLaterRowsShifted_ReportsInserted() =>
        AssertProblem(_log.InsertShifting(120, validHash: false), AuditVerificationProblem.Inserted, 120);

    [Fact]
    public void Verify_DuplicateSequenceNumber_ReportsInserted() =>
        AssertProblem(_log.InsertDuplicate(120), AuditVerificationProblem.Inserted, 120);

    [Fact]
    public void Verify_AdjacentRowsSwapped_ReportsReordered() => AssertProblem(_log.Swap(120, 121), AuditVerificationProblem.Reordered, 120);

    [Fact]
    public void Verify_DistantRowsSwapped_ReportsReordered() => AssertProblem(_log.Swap(120, 140), AuditVerificationProblem.Reordered, 120);

    [Fact]
    public void Verify_RowStoredOutOfOrder_ReportsReordered()
    {
        (_log.Rows[120], _log.Rows[121]) = (_log.Rows[121], _log.Rows[120]);

        AssertProblem(_log, AuditVerificationProblem.Reordered, 120);
    }

    [Fact]
    public void Verify_StoredHashRewrittenConsistently_ReportsRootMismatchOfItsCheckpointInterval() =>
        AssertProblem(_log.Modify(120, rewriteHash: true), AuditVerificationProblem.RootMismatch, 100, checkpointFrom: 100, checkpointTo: 170);

    [Fact]
    public void Verify_CheckpointTextAltered_ReportsBadSignature() =>
        AssertProblem(_log.EditCheckpoint(2, n => n.Replace("\n170\n", "\n171\n", StringComparison.Ordinal)),
            AuditVerificationProblem.BadSignature, 100, checkpointFrom: 100, checkpointTo: 171);

    [Fact]
    public void Verify_CheckpointSignatureAltered_ReportsBadSignature()
    {
        var note = SignedNote.Parse(_log.Checkpoints[2]);
        var signature = note.Signatures[0].Signature.ToArray();
        signature[10] ^= 1;
        var altered = note.Text + "\n\u2014 " + note.Signatures[0].KeyName + " "
            + Convert.ToBase64String([.. BitConverter.GetBytes(note.Signatures[0].KeyId).Reverse(), .. signature]) + "\n";

        AssertProblem(_log.EditCheckpoint(2, _ => altered), AuditVerificationProblem.BadSignature, 100, checkpointFrom: 100, checkpointTo: 170);
    }

    [Fact]
    public void Verify_TwoSignedCheckpointsOfOneSizeWithDifferentRoots_ReportsRootMismatch()
    {
        _log.Checkpoints.Add(new Checkpoint(_log.Signer.Name, 170, MerkleTree.LeafHash([9])).Sign(_log.Signer));

        AssertProblem(_log, AuditVerificationProblem.RootMismatch, 100, checkpointFrom: 100, checkpointTo: 170);
    }

    [Fact]
    public void Verify_CheckpointsOfAnotherKey_ReportsBadSignature()
    {
        using var other = NoteSigner.Generate(_log.Signer.Name);
        var sut = new AuditLogVerifier(other.Verifier);

        var result = sut.Verify(_log.Rows, _log.Checkpoints);

        Assert.Equal((AuditVerificationProblem.BadSignature, (long?)0, (long?)50), (result.Problem, result.FirstBadSequence, result.BadCheckpointToSize));
    }

    [Fact]
    public void Verify_SubRangeWithStartFrontier_VerifiesOnlyThatRange()
    {
        var frontier = new MerkleFrontier();
        _log.Rows.Take(100).ToList().ForEach(r => frontier.Append(r.LeafHash));
        var sut = CreateSut(new AuditLogVerifierOptions { FromSequence = 100, ToSequence = 199, StartFrontier = frontier });

        var result = sut.Verify(_log.Rows.Skip(100), _log.Checkpoints);

        Assert.True(result.Ok, result.Message);
        Assert.Equal((100L, 2L), (result.EntriesVerified, result.CheckpointsVerified));
    }

    [Fact]
    public void Verify_SubRangeWithStartFrontierAndModifiedRow_ReportsModified()
    {
        var frontier = new MerkleFrontier();
        _log.Rows.Take(100).ToList().ForEach(r => frontier.Append(r.LeafHash));
        var sut = CreateSut(new AuditLogVerifierOptions { FromSequence = 100, StartFrontier = frontier });

        var result = sut.Verify(_log.Modify(150).Rows.Skip(100), _log.Checkpoints);

        Assert.Equal((AuditVerificationProblem.Modified, (long?)150), (result.Problem, result.FirstBadSequence));
    }

    [Fact]
    public void Verify_SubRangeFromZeroRows_IgnoresContentBeforeTheRange()
    {
        var sut = CreateSut(new AuditLogVerifierOptions { FromSequence = 100 });

        var result = sut.Verify(_log.Modify(50).Rows, _log.Checkpoints);

        Assert.True(result.Ok, result.Message);
        Assert.Equal((200L, 4L), (result.EntriesVerified, result.CheckpointsVerified));
    }

    public void Dispose() => _log.Dispose();

    private AuditLogVerifier CreateSut(AuditLogVerifierOptions? options = null) => new(_log.Signer.Verifier, options);

    private void AssertProblem(AuditLogBuilder log, AuditVerificationProblem problem, long firstBad, long? checkpointFrom = null, long? checkpointTo = null)
    {
        var sut = CreateSut();

        var result = sut.Verify(log.Rows, log.Checkpoints);

        Assert.False(result.Ok);
        Assert.Equal((problem, (long?)firstBad), (result.Problem, result.FirstBadSequence));
        Assert.Contains(firstBad.ToString(System.Globalization.CultureInfo.InvariantCulture), result.Message, StringComparison.Ordinal);
        if (checkpointTo is not null)
        {
            Assert.Equal((checkpointFrom, checkpointTo), (result.BadCheckpointFromSize, result.BadCheckpointToSize));
        }
    }
}
