using Google.Protobuf;
using Grpc.Core;
using Registry.Protos.V1;
using Registry.Service.Audit;
using Registry.Service.Tests.Infrastructure;

namespace Registry.Service.Tests.Audit;

/// <summary>Every auditor RPC but GetPublicKey writes exactly one entry for the calling auditor (spec §5).</summary>
public sealed class AuditorCallEntryTests(RegistryAppFactory factory) : IClassFixture<RegistryAppFactory>
{
    private readonly RegistryScenario _scenario = new(factory);
    private readonly AuditTestLog _log = new(factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Calls => ["query", "verify", "checkpoints", "inclusion", "consistency", "export"];

    [Theory]
    [MemberData(nameof(Calls))]
    public async Task AuditorCall_WritesExactlyOneEntryForTheAuditor(string call)
    {
        var entryId = await ArrangeSequencedEntryAsync();
        var (auditorId, key) = await _scenario.CreatePartnerAsync(Role.Auditor);
        var sut = new AuditService.AuditServiceClient(factory.CreateChannel(key));

        var (receipt, action, detail) = await CallAsync(sut, call, entryId);

        var row = Assert.Single(await _log.RowsAsync($"PartnerId = '{auditorId}'"));
        if (receipt is not null)
        {
            Assert.Equal(receipt, row["Id"]);
        }

        new ExpectedEntry(action, "ROLE_AUDITOR", AuditOutcomes.Ok)
        {
            PartnerId = auditorId, KeyId = AuditActors.KeyIdOf(key), DetailContains = detail,
        }.AssertMatches(row);
    }

    [Fact]
    public async Task QueryAuditLog_BySubjectKey_RecordsTheFilteredSubjectKeyNotAnH1()
    {
        var h1 = TestKeys.NewH1();
        var subject = new AuditActors(factory).SubjectKeyOf(h1);
        var (auditorId, key) = await _scenario.CreatePartnerAsync(Role.Auditor);
        var sut = new AuditService.AuditServiceClient(factory.CreateChannel(key));

        using var call = sut.QueryAuditLog(new QueryAuditLogRequest { Filter = new AuditFilter { SubjectKey = ByteString.CopyFrom(subject.Value) } }, cancellationToken: Ct);
        await foreach (var _ in call.ResponseStream.ReadAllAsync(Ct))
        {
        }

        var row = Assert.Single(await _log.RowsAsync($"PartnerId = '{auditorId}'"));
        Assert.Equal(AuditActions.AuditQuery, row["Action"]);
        Assert.Equal(subject.Value, row["SubjectKey"]);
    }

    [Fact]
    public async Task GetPublicKey_IsNotAudited()
    {
        var (auditorId, key) = await _scenario.CreatePartnerAsync(Role.Auditor);
        var sut = new AuditService.AuditServiceClient(factory.CreateChannel(key));
        var before = await _log.ScalarAsync<long>("SELECT COUNT(*) FROM audit_entries");

        var response = await sut.GetPublicKeyAsync(new GetPublicKeyRequest(), cancellationToken: Ct);

        Assert.Equal(_log.Verifier.VerifierKey, response.VerifierKey);
        Assert.Equal(before, await _log.ScalarAsync<long>("SELECT COUNT(*) FROM audit_entries"));
        Assert.Empty(await _log.RowsAsync($"PartnerId = '{auditorId}'"));
    }

    private async Task<string> ArrangeSequencedEntryAsync()
    {
        var key = await _scenario.CreatePartnerKeyAsync();
        var h1 = TestKeys.NewH1();
        var consentId = await _scenario.GrantAsync(key, h1);
        var check = await _scenario.Checks(key).CheckAsync(RegistryScenario.CheckRequest(consentId, h1), cancellationToken: Ct);
        await _log.SequenceAsync();
        return check.AuditEntryId;
    }

    private static async Task<(string? Receipt, string Action, string Detail)> CallAsync(AuditService.AuditServiceClient sut, string call, string entryId)
    {
        switch (call)
        {
            case "query":
                using (var query = sut.QueryAuditLog(new QueryAuditLogRequest { Filter = new AuditFilter { Action = "check" }, PageSize = 5 }, cancellationToken: Ct))
                {
                    var pages = await query.ResponseStream.ReadAllAsync(Ct).ToListAsync(Ct);
                    Assert.NotEmpty(pages.SelectMany(p => p.Entries));
                    return (pages[0].AuditEntryId, AuditActions.AuditQuery, "action=check");
                }

            case "verify":
                var verified = await sut.VerifyAuditLogAsync(new VerifyAuditLogRequest { FromSequence = 1 }, cancellationToken: Ct);
                Assert.True(verified.Ok, verified.Message);
                return (verified.AuditEntryId, AuditActions.AuditVerify, "from=1;");
            case "checkpoints":
                var checkpoints = await sut.ListCheckpointsAsync(new ListCheckpointsRequest { PageSize = 2 }, cancellationToken: Ct);
                Assert.NotEmpty(checkpoints.Checkpoints);
                return (checkpoints.AuditEntryId, AuditActions.AuditCheckpoints, "before=0");
            case "inclusion":
                var inclusion = await sut.GetInclusionProofAsync(new GetInclusionProofRequest { EntryId = entryId }, cancellationToken: Ct);
                return (inclusion.AuditEntryId, AuditActions.AuditProve, $"inclusion;entry={entryId}");
            case "consistency":
                var consistency = await sut.GetConsistencyProofAsync(new GetConsistencyProofRequest { FirstSize = 1 }, cancellationToken: Ct);
                return (consistency.AuditEntryId, AuditActions.AuditProve, "consistency;first=1;");
            default:
                using (var export = sut.ExportAuditLog(new ExportAuditLogRequest { FromSequence = 0, ToSequence = 2 }, cancellationToken: Ct))
                {
                    var pages = await export.ResponseStream.ReadAllAsync(Ct).ToListAsync(Ct);
                    Assert.Equal(3, pages.Sum(p => p.Entries.Count));
                    return (null, AuditActions.AuditExport, "from=0;to=2");
                }
        }
    }
}
