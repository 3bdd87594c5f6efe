using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Registry.Client.Admin;
using Registry.Client.Audit;
using Registry.Client.Consents;
using Registry.Client.Tests.Infrastructure;
using Registry.Client.Transparency;
using P = Registry.Protos.V1;

namespace Registry.Client.Tests.Audit;

public sealed class RegistryClientAuditTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Key32 = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task QueryAuditLog_Filters_AreSentAsProtoFields()
    {
        await using var host = await RegistryTestHost.StartAsync(Ct);
        var sut = host.CreateClient();
        var query = new AuditQuery
        {
            From = At, To = At.AddDays(1), PartnerId = "p-1", Action = "check", Outcome = "refused",
            SubjectKey = Key32, PageSize = 50, MaxEntries = 500, PageToken = "tok",
        };

        await sut.QueryAuditLogAsync(query, Ct).ToListAsync(Ct);

        var sent = Assert.Single(host.Recorder.RequestsOf<P.QueryAuditLogRequest>());
        Assert.Equal(At, sent.Filter.From.ToDateTimeOffset());
        Assert.Equal(At.AddDays(1), sent.Filter.To.ToDateTimeOffset());
        Assert.Equal(("p-1", "check", "refused"), (sent.Filter.PartnerId, sent.Filter.Action, sent.Filter.Outcome));
        Assert.Equal(Key32, sent.Filter.SubjectKey.ToByteArray());
        Assert.Equal((50, 500, "tok"), (sent.PageSize, sent.MaxEntries, sent.PageToken));
    }

    [Fact]
    public async Task QueryAuditLog_EmptyQuery_SendsNoFilters()
    {
        await using var host = await RegistryTestHost.StartAsync(Ct);
        var sut = host.CreateClient();

        await sut.QueryAuditLogAsync(new AuditQuery(), Ct).ToListAsync(Ct);

        var sent = Assert.Single(host.Recorder.RequestsOf<P.QueryAuditLogRequest>());
        Assert.Null(sent.Filter.From);
        Assert.Null(sent.Filter.To);
        Assert.True(sent.Filter.SubjectKey.IsEmpty);
        Assert.Equal(string.Empty, sent.PageToken);
    }

    [Fact]
    public async Task QueryAuditLog_Entry_MapsEveryField()
    {
        await using var host = await RegistryTestHost.StartAsync(Ct);
        host.Audit.OnQueryAuditLog = (_, stream, _) => stream.WriteAsync(new P.QueryAuditLogResponse { Entries = { FullEntry() } });
        var sut = host.CreateClient();

        var entry = Assert.Single(await sut.QueryAuditLogAsync(new AuditQuery(), Ct).ToListAsync(Ct));

        AssertFullEntry(entry);
    }

    [Fact]
    public async Task QueryAuditLog_UnsequencedEntry_HasNullSequenceAndPurpose()
    {
        await using var host = await RegistryTestHost.StartAsync(Ct);
        host.Audit.OnQueryAuditLog = (_, stream, _) =>
            stream.WriteAsync(new P.QueryAuditLogResponse { Entries = { new P.AuditEntry { EntryId = "e" } } });
        var sut = host.CreateClient();

        var entry = Assert.Single(await sut.QueryAuditLogAsync(new AuditQuery(), Ct).ToListAsync(Ct));

        Assert.Null(entry.Sequence);
        Assert.Null(entry.Purpose);
        Assert.Null(entry.Actor.Role);
        Assert.True(entry.LeafHash.IsEmpty);
    }

    // An SDK that read every page before yielding would block on the unreleased second page: the timeout turns that into a failure.
    [Fact(Timeout = 10_000)]
    public async Task QueryAuditLog_SeveralPages_YieldsFirstPageBeforeTheServerSendsTheNext()
    {
        await using var host = await RegistryTestHost.StartAsync(TestContext.Current.CancellationToken);
        var releaseSecondPage = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var pagesSent = 0;
        host.Audit.OnQueryAuditLog = async (_, stream, context) =>
        {
            Interlocked.Increment(ref pagesSent);
            await stream.WriteAsync(Page("e1", "e2"));
            await releaseSecondPage.Task.WaitAsync(context.CancellationToken);
            Interlocked.Increment(ref pagesSent);
            await stream.WriteAsync(Page("e3"));
        };
        var sut = host.CreateClient();
        await using var entries = sut.QueryAuditLogAsync(new AuditQuery(), TestContext.Current.CancellationToken).GetAsyncEnumerator(TestContext.Current.CancellationToken);
        var firstPage = new List<string>();
        for (var i = 0; i < 2 && await entries.MoveNextAsync(); i++)
        {
            firstPage.Add(entries.Current.EntryId);
        }

        var pagesSentBeforeRelease = pagesSent;
        releaseSecondPage.SetResult();
        var rest = new List<string>();
        while (await entries.MoveNextAsync())
        {
            rest.Add(entries.Current.EntryId);
        }

        Assert.Equal(["e1", "e2"], firstPage);
        Assert.Equal(1, pagesSentBeforeRelease);
        Assert.Equal(["e3"], rest);
        Assert.Equal(2, pagesSent);
    }

    [Fact]
    public async Task QueryAuditLog_CancelledBetweenPages_StopsWithOperationCanceled()
    {
        await using var host = await RegistryTestHost.StartAsync(Ct);
        host.Audit.OnQueryAuditLog = async (_, stream, context) =>
        {
            await stream.WriteAsync(Page("e1"));
            await RegistryTestHost.HangAsync<bool>(context);
        };
        var sut = host.CreateClient();
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        await using var entries = sut.QueryAuditLogAsync(new AuditQuery(), cancellation.Token).GetAsyncEnumerator(Ct);
        Assert.True(await entries.MoveNextAsync());

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await entries.MoveNextAsync());
    }

    [Fact]
    public async Task QueryAuditLog_InvalidPageToken_ThrowsValidationWhileEnumerating()
    {
        await using var host = await RegistryTestHost.StartAsync(Ct);
        host.Audit.OnQueryAuditLog = (_, _, _) => throw RpcErrors.Exception(StatusCode.InvalidArgument, "PAGE_TOKEN_INVALID");
        var sut = host.CreateClient();

        var ex = await Assert.ThrowsAsync<RegistryValidationException>(
            async () => await sut.QueryAuditLogAsync(new AuditQuery { PageToken = "x" }, Ct).ToListAsync(Ct));

        Assert.Equal("PAGE_TOKEN_INVALID", ex.ErrorCode);
    }

    [Fact]
    public async Task VerifyAuditLog_Call_SendsRangeAndMapsEveryField()
    {
        await using var host = await RegistryTestHost.StartAsync(Ct);
        host.Audit.OnVerifyAuditLog = (_, _) => Task.FromResult(new P.VerifyAuditLogResponse
        {
            Ok = false, EntriesVerified = 10, CheckpointsVerified = 2, FirstBadSequence = 7, Problem = P.VerificationProblem.Reordered,
            Message = "out of order", BadCheckpointFromSize = 4, BadCheckpointToSize = 8, AuditEntryId = "a-v",
        });
        var sut = host.CreateClient();

        var result = await sut.VerifyAuditLogAsync(3, 9, Ct);

        var sent = Assert.Single(host.Recorder.RequestsOf<P.VerifyAuditLogRequest>());
        Assert.Equal((3L, true, 9L), (sent.FromSequence, sent.HasToSequence, sent.ToSequence));
        Assert.False(result.Result.Ok);
        Assert.Equal((10L, 2L, (long?)7L), (result.Result.EntriesVerified, result.Result.CheckpointsVerified, result.Result.FirstBadSequence));
        Assert.Equal(AuditVerificationProblem.Reordered, result.Result.Problem);
        Assert.Equal(("out of order", (long?)4L, (long?)8L), (result.Result.Message, result.Result.BadCheckpointFromSize, result.Result.BadCheckpointToSize));
        Assert.Equal("a-v", result.AuditEntryId);
    }

    [Fact]
    public async Task VerifyAuditLog_NoUpperBound_LeavesToSequenceUnset()
    {
        await using var host = await RegistryTestHost.StartAsync(Ct);
        host.Audit.OnVerifyAuditLog = (_, _) => Task.FromResult(new P.VerifyAuditLogResponse { Ok = true });
        var sut = host.CreateClient();

        var result = await sut.VerifyAuditLogAsync(cancellationToken: Ct);

        Assert.False(Assert.Single(host.Recorder.RequestsOf<P.VerifyAuditLogRequest>()).HasToSequence);
        Assert.True(result.Result.Ok);
        Assert.Null(result.Result.FirstBadSequence);
        Assert.Null(result.Result.BadCheckpointToSize);
        Assert.Equal(AuditVerificationProblem.None, result.Result.Problem);
    }

    [Fact]
    public async Task VerifyAuditLog_NotOkWithoutProblem_NeverReadsAsOk()
    {
        await using var host = await RegistryTestHost.StartAsync(Ct);
        host.Audit.OnVerifyAuditLog = (_, _) => Task.FromResult(new P.VerifyAuditLogResponse { Ok = false });
        var sut = host.CreateClient();

        var result = await sut.VerifyAuditLogAsync(cancellationToken: Ct);

        Assert.False(result.Result.Ok);
    }

    [Fact]
    public async Task ListCheckpoints_Call_SendsPagingAndMapsCheckpoints()
    {
        await using var host = await RegistryTestHost.StartAsync(Ct);
        host.Audit.OnListCheckpoints = (_, _) => Task.FromResult(new P.ListCheckpointsResponse { Checkpoints = { Checkpoint(16) } });
        var sut = host.CreateClient();

        var checkpoints = await sut.ListCheckpointsAsync(10, 100, Ct);

        var sent = Assert.Single(host.Recorder.RequestsOf<P.ListCheckpointsRequest>());
        Assert.Equal((10, 100L), (sent.PageSize, sent.BeforeSize));
        AssertCheckpoint(Assert.Single(checkpoints), 16);
    }

    [Fact]
    public async Task GetInclusionProof_Call_SendsEntryAndMapsProof()
    {
        await using var host = await RegistryTestHost.StartAsync(Ct);
        host.Audit.OnGetInclusionProof = (_, _) => Task.FromResult(new P.GetInclusionProofResponse
        {
            Entry = FullEntry(), CanonicalEntry = ByteString.CopyFromUtf8("canon"), LeafIndex = 5, TreeSize = 16,
            Proof = { ByteString.CopyFrom(Key32), ByteString.CopyFrom(new byte[32]) }, Checkpoint = Checkpoint(16), AuditEntryId = "a-i",
        });
        var sut = host.CreateClient();

        var proof = await sut.GetInclusionProofAsync("e-1", 16, Ct);

        var sent = Assert.Single(host.Recorder.RequestsOf<P.GetInclusionProofRequest>());
        Assert.Equal(("e-1", 16L), (sent.EntryId, sent.TreeSize));
        AssertFullEntry(proof.Entry);
        Assert.Equal("canon"u8.ToArray(), proof.CanonicalEntry.ToArray());
        Assert.Equal((5L, 16L, "a-i"), (proof.LeafIndex, proof.TreeSize, proof.AuditEntryId));
        Assert.Equal(Key32, proof.Proof[0].ToArray());
        Assert.Equal(2, proof.Proof.Count);
        AssertCheckpoint(proof.Checkpoint!, 16);
    }

    [Fact]
    public async Task GetConsistencyProof_Call_SendsSizesAndMapsProof()
    {
        await using var host = await RegistryTestHost.StartAsync(Ct);
        host.Audit.OnGetConsistencyProof = (_, _) => Task.FromResult(new P.GetConsistencyProofResponse
        {
            FirstSize = 8, SecondSize = 16, Proof = { ByteString.CopyFrom(Key32) }, FirstCheckpoint = Checkpoint(8), AuditEntryId = "a-c",
        });
        var sut = host.CreateClient();

        var proof = await sut.GetConsistencyProofAsync(8, 16, Ct);

        var sent = Assert.Single(host.Recorder.RequestsOf<P.GetConsistencyProofRequest>());
        Assert.Equal((8L, 16L), (sent.FirstSize, sent.SecondSize));
        Assert.Equal((8L, 16L, "a-c"), (proof.FirstSize, proof.SecondSize, proof.AuditEntryId));
        Assert.Equal(Key32, Assert.Single(proof.Proof).ToArray());
        AssertCheckpoint(proof.FirstCheckpoint!, 8);
        Assert.Null(proof.SecondCheckpoint);
    }

    [Fact]
    public async Task GetPublicKey_Response_IsMapped()
    {
        await using var host = await RegistryTestHost.StartAsync(Ct);
        host.Audit.OnGetPublicKey = (_, _) =>
            Task.FromResult(new P.GetPublicKeyResponse { VerifierKey = "registry+abcd1234+AQID", Origin = "registry.example/log" });
        var sut = host.CreateClient();

        var key = await sut.GetPublicKeyAsync(Ct);

        Assert.Equal(("registry+abcd1234+AQID", "registry.example/log"), (key.VerifierKey, key.Origin));
    }

    [Fact]
    public async Task ExportAuditLog_TwoPages_SendsRangeAndYieldsPagesInOrder()
    {
        await using var host = await RegistryTestHost.StartAsync(Ct);
        host.Audit.OnExportAuditLog = async (_, stream, _) =>
        {
            await stream.WriteAsync(new P.ExportAuditLogResponse
            {
                Entries = { FullEntry() }, CanonicalEntries = { ByteString.CopyFromUtf8("c0") }, Checkpoints = { Checkpoint(1) },
            });
            await stream.WriteAsync(new P.ExportAuditLogResponse { Entries = { new P.AuditEntry { EntryId = "e-2" } } });
        };
        var sut = host.CreateClient();

        var pages = await sut.ExportAuditLogAsync(0, 1, Ct).ToListAsync(Ct);

        var sent = Assert.Single(host.Recorder.RequestsOf<P.ExportAuditLogRequest>());
        Assert.Equal((0L, true, 1L), (sent.FromSequence, sent.HasToSequence, sent.ToSequence));
        Assert.Equal(2, pages.Count);
        AssertFullEntry(Assert.Single(pages[0].Entries));
        Assert.Equal("c0"u8.ToArray(), Assert.Single(pages[0].CanonicalEntries).ToArray());
        AssertCheckpoint(Assert.Single(pages[0].Checkpoints), 1);
        Assert.Equal("e-2", Assert.Single(pages[1].Entries).EntryId);
    }

    private static P.QueryAuditLogResponse Page(params string[] ids)
    {
        var page = new P.QueryAuditLogResponse { NextPageToken = "next-" + ids[^1] };
        page.Entries.Add(ids.Select(id => new P.AuditEntry { EntryId = id }));
        return page;
    }

    private static P.AuditEntry FullEntry() => new()
    {
        EntryId = "e-1", Sequence = 41, RecordedAt = Timestamp.FromDateTimeOffset(At),
        Actor = new P.AuditActor { PartnerId = "p-1", KeyId = "k-1", Role = P.Role.Partner },
        Action = "check", SubjectKey = ByteString.CopyFrom(Key32), SubjectKeyId = "hk-1", ConsentId = "c-1",
        Purpose = P.Purpose.DatingSafety, Outcome = "refused", Reason = "CONSENT_EXPIRED", RequestId = "r-1",
        Detail = "{}", LeafHash = ByteString.CopyFrom(Key32.Reverse().ToArray()),
    };

    private static void AssertFullEntry(AuditEntryInfo entry)
    {
        Assert.Equal(("e-1", (long?)41L, At), (entry.EntryId, entry.Sequence, entry.RecordedAt));
        Assert.Equal(("p-1", "k-1", (Role?)Role.Partner), (entry.Actor.PartnerId, entry.Actor.KeyId, entry.Actor.Role));
        Assert.Equal(("check", "hk-1", "c-1"), (entry.Action, entry.SubjectKeyId, entry.ConsentId));
        Assert.Equal(Key32, entry.SubjectKey.ToArray());
        Assert.Equal(Purpose.DatingSafety, entry.Purpose);
        Assert.Equal(("refused", "CONSENT_EXPIRED", "r-1", "{}"), (entry.Outcome, entry.Reason, entry.RequestId, entry.Detail));
        Assert.Equal(Key32.Reverse().ToArray(), entry.LeafHash.ToArray());
    }

    private static P.Checkpoint Checkpoint(long size) => new()
    {
        Origin = "registry.example/log", TreeSize = size, RootHash = ByteString.CopyFrom(Key32), SignedNote = "note " + size,
        CreatedAt = Timestamp.FromDateTimeOffset(At),
    };

    private static void AssertCheckpoint(AuditCheckpoint checkpoint, long size)
    {
        Assert.Equal(("registry.example/log", size, "note " + size, At), (checkpoint.Origin, checkpoint.TreeSize, checkpoint.SignedNote, checkpoint.CreatedAt));
        Assert.Equal(Key32, checkpoint.RootHash.ToArray());
    }
}
