using Grpc.Core;
using Registry.Client.Transparency;
using Registry.Protos.V1;
using Registry.Service.Tests.Infrastructure;

namespace Registry.Service.Tests.Audit;

public sealed class AuditLogTests(RegistryAppFactory factory) : IClassFixture<RegistryAppFactory>
{
    private readonly RegistryScenario _scenario = new(factory);
    private readonly AuditTestLog _log = new(factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Check_ManyConcurrentCallers_AllEntriesSequencedGapFreeInOneVerifiableTree()
    {
        var key = await _scenario.CreatePartnerKeyAsync();
        var subjects = Enumerable.Range(0, 200).Select(_ => TestKeys.NewH1()).ToList();
        var consents = new List<string>();
        foreach (var h1 in subjects)
        {
            factory.Clock.Advance(TimeSpan.FromSeconds(1)); // 200 new subjects over 200 s: a busy partner, not a sweep (the enumeration watch)
            consents.Add(await _scenario.GrantAsync(key, h1));
        }

        var client = _scenario.Checks(key);
        var receipts = await Task.WhenAll(subjects.Select((h1, i) =>
            client.CheckAsync(RegistryScenario.CheckRequest(consents[i], h1), cancellationToken: Ct).ResponseAsync));
        await _log.SequenceAsync();
        var sut = await _log.AuditorAsync();

        var result = await sut.VerifyAuditLogAsync(new VerifyAuditLogRequest(), cancellationToken: Ct);

        Assert.True(result.Ok, result.Message);
        var total = await _log.ScalarAsync<long>("SELECT COUNT(*) FROM audit_entries WHERE Sequence IS NOT NULL");
        Assert.Equal(total - 1, await _log.ScalarAsync<long>("SELECT MAX(Sequence) FROM audit_entries"));
        Assert.True(result.EntriesVerified >= total, $"{result.EntriesVerified} < {total}");
        var ids = receipts.Select(r => r.AuditEntryId).ToHashSet();
        Assert.Equal(200, ids.Count);
        var stored = (await _log.RowsAsync("Action = 'check' AND Sequence IS NOT NULL")).Select(r => (string)r["Id"]!).ToHashSet();
        Assert.Subset(stored, ids); // every receipt is a sequenced entry (other tests of the class add more checks)
    }

    [Fact]
    public async Task GetInclusionProof_EverySequencedEntry_VerifiesAgainstTheSignedCheckpoint()
    {
        var key = await _scenario.CreatePartnerKeyAsync();
        var h1 = TestKeys.NewH1();
        var consentId = await _scenario.GrantAsync(key, h1);
        var check = await _scenario.Checks(key).CheckAsync(RegistryScenario.CheckRequest(consentId, h1), cancellationToken: Ct);
        await _log.SequenceAsync();
        var sut = await _log.AuditorAsync();

        var proof = await sut.GetInclusionProofAsync(new GetInclusionProofRequest { EntryId = check.AuditEntryId }, cancellationToken: Ct);

        Assert.True(Client.Transparency.Checkpoint.TryOpen(proof.Checkpoint.SignedNote, _log.Verifier, out var signed));
        var leaf = MerkleTree.LeafHash(proof.CanonicalEntry.Span);
        var path = proof.Proof.Select(p => p.ToByteArray()).ToList();
        Assert.True(MerkleTree.VerifyInclusion(proof.LeafIndex, proof.TreeSize, leaf, path, signed.RootHash));
        var tampered = (byte[])leaf.Clone();
        tampered[0] ^= 1;
        Assert.False(MerkleTree.VerifyInclusion(proof.LeafIndex, proof.TreeSize, tampered, path, signed.RootHash));
    }

    [Fact]
    public async Task GetConsistencyProof_BetweenTwoCheckpoints_VerifiesWithTheClientLibrary()
    {
        var key = await _scenario.CreatePartnerKeyAsync();
        await _log.SequenceAsync();
        var first = await _log.ScalarAsync<long>("SELECT MAX(TreeSize) FROM audit_checkpoints");
        await _scenario.CreatePartnerKeyAsync();
        await _scenario.GrantAsync(key, TestKeys.NewH1());
        await _log.SequenceAsync();
        var sut = await _log.AuditorAsync();

        var proof = await sut.GetConsistencyProofAsync(new GetConsistencyProofRequest { FirstSize = first }, cancellationToken: Ct);

        Assert.True(Client.Transparency.Checkpoint.TryOpen(proof.FirstCheckpoint.SignedNote, _log.Verifier, out var older));
        Assert.True(Client.Transparency.Checkpoint.TryOpen(proof.SecondCheckpoint.SignedNote, _log.Verifier, out var newer));
        Assert.True(newer.TreeSize > older.TreeSize);
        Assert.True(MerkleTree.VerifyConsistency(older.TreeSize, newer.TreeSize, older.RootHash, newer.RootHash,
            proof.Proof.Select(p => p.ToByteArray()).ToList()));
    }

    [Fact]
    public async Task QueryAuditLog_Auditor_StreamsSequencedEntriesAndRecordsTheQuery()
    {
        var (partnerId, _) = await _scenario.CreatePartnerAsync(Role.Partner, Purpose.DatingSafety);
        var sut = await _log.AuditorAsync();
        await _log.SequenceAsync();
        var request = new QueryAuditLogRequest { Filter = new AuditFilter { Action = "partner.create" }, PageSize = 1 };

        using var call = sut.QueryAuditLog(request, cancellationToken: Ct);
        var pages = new List<QueryAuditLogResponse>();
        await foreach (var page in call.ResponseStream.ReadAllAsync(Ct))
        {
            pages.Add(page);
        }

        Assert.Contains(pages.SelectMany(p => p.Entries), e => e.Detail.StartsWith($"partner={partnerId};", StringComparison.Ordinal));
        Assert.All(pages.SelectMany(p => p.Entries), e => Assert.Equal("partner.create", e.Action));
        Assert.Equal(1, await _log.ScalarAsync<long>($"SELECT COUNT(*) FROM audit_entries WHERE Id = '{pages[0].AuditEntryId}' AND Action = 'audit.query' AND ActorRole = 'ROLE_AUDITOR'"));
    }

    [Fact]
    public async Task AuditService_PartnerRole_IsPermissionDenied()
    {
        var key = await _scenario.CreatePartnerKeyAsync();
        var sut = new AuditService.AuditServiceClient(factory.CreateChannel(key));

        var ex = await Assert.ThrowsAsync<RpcException>(async () => await sut.VerifyAuditLogAsync(new VerifyAuditLogRequest(), cancellationToken: Ct));

        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
    }

    [Fact]
    public async Task GetPublicKey_Auditor_ReturnsTheVerifierKeyOfTheCheckpoints()
    {
        var sut = await _log.AuditorAsync();

        var response = await sut.GetPublicKeyAsync(new GetPublicKeyRequest(), cancellationToken: Ct);

        Assert.Equal(_log.Verifier.VerifierKey, response.VerifierKey);
        Assert.Equal("registry.example/log", response.Origin);
    }
}
