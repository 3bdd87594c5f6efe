using Grpc.Core;
using Registry.Protos.V1;
using Registry.Service.Tests.Audit;
using Registry.Service.Tests.Infrastructure;
using static Registry.Service.Tests.Import.ImportStream;

namespace Registry.Service.Tests.Import;

/// <summary>
/// ImportRecords through the real gRPC pipeline on a real SQLite file: each batch applied atomically and idempotently by
/// record key, counted in its import job, audited; the service validates every row again; a dry run writes nothing.
/// </summary>
public sealed class ImportRecordsTests(RegistryAppFactory factory) : IClassFixture<RegistryAppFactory>
{
    private readonly RegistryScenario _scenario = new(factory);
    private readonly AuditTestLog _log = new(factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Import_TwoBatches_InsertsEveryRowCountsTheJobAndAuditsEachBatch()
    {
        var source = Source();
        var h1s = Enumerable.Range(0, 5).Select(_ => TestKeys.NewH1()).ToArray();

        var responses = await RunAsync(_scenario.Admin, [
            Batch(1, [Row(2, "c1", h1s[0], sourceId: source), Row(3, "c2", h1s[1], sourceId: source)]),
            Batch(2, [Row(4, "c3", h1s[2], sourceId: source), Row(5, "c4", h1s[3], sourceId: source), Row(6, "c5", h1s[4], sourceId: source)]),
        ]);

        Assert.Equal([1L, 2L], responses.Select(r => r.BatchNumber));
        Assert.Equal([2, 3], responses.Select(r => r.Inserted));
        Assert.All(responses, r => Assert.Equal(0, r.Updated + r.Unchanged + r.Rejected));
        var importId = Assert.Single(responses.Select(r => r.ImportId).Distinct());
        Assert.StartsWith("imp_", importId, StringComparison.Ordinal);
        Assert.Equal(5, await _log.ScalarAsync<long>($"SELECT COUNT(*) FROM records WHERE SourceId = '{source}'"));
        Assert.Equal(5, await _log.ScalarAsync<long>($"SELECT COUNT(*) FROM record_subjects s JOIN records r ON r.Id = s.RecordId WHERE r.SourceId = '{source}'"));
        Assert.Equal("completed|2|5|0|0|0", await _log.ScalarAsync<string>(
            $"SELECT Status || '|' || Batches || '|' || Inserted || '|' || Updated || '|' || Unchanged || '|' || Rejected FROM import_jobs WHERE Id = '{importId}'"));
        // The test clock stands still, so the entries share one instant: compare them by detail, not by order.
        var entries = (await _log.RowsAsync($"Action = 'record.import' AND Detail LIKE 'import={importId};%'"))
            .ToDictionary(e => (string)e["Detail"]!, e => (string)e["Id"]!);
        Assert.Equal(
            new[]
            {
                $"import={importId};batch=1;inserted=2;updated=0;unchanged=0;rejected=0",
                $"import={importId};batch=2;inserted=3;updated=0;unchanged=0;rejected=0",
                $"import={importId};completed;batches=2;inserted=5;updated=0;unchanged=0;rejected=0",
                $"import={importId};started;source=court.csv",
            },
            entries.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(entries[$"import={importId};batch=1;inserted=2;updated=0;unchanged=0;rejected=0"], responses[0].AuditEntryId);
        Assert.Equal(entries[$"import={importId};batch=2;inserted=3;updated=0;unchanged=0;rejected=0"], responses[1].AuditEntryId);
    }

    [Fact]
    public async Task Import_AClientThatWaitsForEachAnswer_IsAnsweredBatchByBatch()
    {
        var source = Source();
        var batches = Enumerable.Range(1, 20).Select(i => Batch(i, [Row(i + 1, $"c{i}", TestKeys.NewH1(), sourceId: source)]));

        // RunAsync sends a batch, then waits for its answer before sending the next one.
        var responses = await RunAsync(_scenario.Admin, batches);

        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), responses.Select(r => r.BatchNumber));
        Assert.All(responses, r => Assert.Equal(1, r.Inserted));
    }

    [Fact]
    public async Task Import_TheSameRowsAgain_IsAllUnchangedAndWritesNoRecord()
    {
        var source = Source();
        var rows = Enumerable.Range(1, 20).Select(i => Row(i + 1, $"c{i}", TestKeys.NewH1(), sourceId: source)).ToArray();
        await RunAsync(_scenario.Admin, [Batch(1, rows)]);
        var before = await _log.ScalarAsync<string>($"SELECT group_concat(Version || UpdatedAt, ',') FROM records WHERE SourceId = '{source}'");

        var again = await RunAsync(_scenario.Admin, [Batch(1, rows)]);

        var response = Assert.Single(again);
        Assert.Equal((0, 0, 20, 0), (response.Inserted, response.Updated, response.Unchanged, response.Rejected));
        Assert.Equal(before, await _log.ScalarAsync<string>($"SELECT group_concat(Version || UpdatedAt, ',') FROM records WHERE SourceId = '{source}'"));
    }

    [Fact]
    public async Task Import_AChangedStatus_IsOneUpdateAndTheNextCheckNoLongerDiscloses()
    {
        var source = Source();
        var h1 = TestKeys.NewH1();
        var other = TestKeys.NewH1();
        await RunAsync(_scenario.Admin, [Batch(1, [Row(2, "c1", h1, sourceId: source), Row(3, "c2", other, sourceId: source)])]);
        var key = await _scenario.CreatePartnerKeyAsync();
        var consentId = await _scenario.GrantAsync(key, h1, maxUses: 5);
        var checks = _scenario.Checks(key);
        var before = await checks.CheckAsync(RegistryScenario.CheckRequest(consentId, h1), cancellationToken: Ct);

        var responses = await RunAsync(_scenario.Admin, [Batch(1, [Row(2, "c1", h1, RecordStatus.Overturned, sourceId: source), Row(3, "c2", other, sourceId: source)])]);

        var response = Assert.Single(responses);
        Assert.Equal((0, 1, 1, 0), (response.Inserted, response.Updated, response.Unchanged, response.Rejected));
        Assert.Equal(CheckOutcome.RecordFound, before.Outcome);
        var after = await checks.CheckAsync(RegistryScenario.CheckRequest(consentId, h1), cancellationToken: Ct);
        Assert.Equal(CheckOutcome.NoRecord, after.Outcome);
    }

    [Fact]
    public async Task Import_AChangedIdentity_ReplacesTheRecordsSubjects()
    {
        var source = Source();
        var first = TestKeys.NewH1();
        var second = TestKeys.NewH1();
        await RunAsync(_scenario.Admin, [Batch(1, [Row(2, "c1", first, sourceId: source)])]);
        var key = await _scenario.CreatePartnerKeyAsync();

        var responses = await RunAsync(_scenario.Admin, [Batch(1, [Row(2, "c1", second, sourceId: source)])]);

        Assert.Equal(1, Assert.Single(responses).Updated);
        var checks = _scenario.Checks(key);
        var ofFirst = await checks.CheckAsync(RegistryScenario.CheckRequest(await _scenario.GrantAsync(key, first), first), cancellationToken: Ct);
        var ofSecond = await checks.CheckAsync(RegistryScenario.CheckRequest(await _scenario.GrantAsync(key, second), second), cancellationToken: Ct);
        Assert.Equal(CheckOutcome.NoRecord, ofFirst.Outcome);
        Assert.Equal(CheckOutcome.RecordFound, ofSecond.Outcome);
    }

    [Fact]
    public async Task Import_BadRows_AreRejectedOneByOneWithFieldAndReasonAndTheRestIsApplied()
    {
        var source = Source();
        var rows = new[]
        {
            Row(2, "good", TestKeys.NewH1(), sourceId: source),
            Row(3, "", TestKeys.NewH1(), sourceId: source),
            With(Row(4, "c4", TestKeys.NewH1(), sourceId: source), r => r.Category = RecordCategory.Unspecified),
            With(Row(5, "c5", TestKeys.NewH1(), sourceId: source), r => r.Status = (RecordStatus)42),
            With(Row(6, "c6", TestKeys.NewH1(), sourceId: source), r => r.Region = "Astana"),
            With(Row(7, "c7", TestKeys.NewH1(), sourceId: source), r => r.DecisionDate = new Google.Type.Date { Year = 2099, Month = 1, Day = 1 }),
            With(Row(8, "c8", TestKeys.NewH1(), sourceId: source), r => r.ExpiresAt = new Google.Type.Date { Year = 2024, Month = 3, Day = 1 }),
            With(Row(9, "c9", TestKeys.NewH1(), sourceId: source), r => r.DecisionDate = new Google.Type.Date { Year = 2023, Month = 2, Day = 30 }),
            With(Row(10, "c10", TestKeys.NewH1(), sourceId: source), r => r.Identities[0].H1 = Google.Protobuf.ByteString.CopyFrom(new byte[31])),
            With(Row(11, "c11", TestKeys.NewH1(), sourceId: source), r => r.Identities.Clear()),
            With(Row(12, "c12", TestKeys.NewH1(), sourceId: source), r => r.Court = new string('x', 301)),
            Row(13, "good", TestKeys.NewH1(), sourceId: source),
        };

        var response = Assert.Single(await RunAsync(_scenario.Admin, [Batch(1, rows)]));

        Assert.Equal((1, 0, 0, 11), (response.Inserted, response.Updated, response.Unchanged, response.Rejected));
        Assert.Equal(
            ["3:case_number", "4:category", "5:status", "6:region", "7:decision_date", "8:expires_at", "9:decision_date", "10:identities",
             "11:identities", "12:court", "13:case_number"],
            response.Rejections.Select(r => $"{r.Line}:{r.Field}"));
        Assert.Contains("is in the future", response.Rejections.Single(r => r.Line == 7).Reason, StringComparison.Ordinal);
        Assert.Contains("line 2", response.Rejections.Single(r => r.Line == 13).Reason, StringComparison.Ordinal);
        Assert.All(response.Rejections, r => Assert.InRange(r.Reason.Length, 10, 200));
        Assert.Equal(1, await _log.ScalarAsync<long>($"SELECT COUNT(*) FROM records WHERE SourceId = '{source}'"));
    }

    [Fact]
    public async Task Import_DryRun_ClassifiesEveryRowAndWritesNothing()
    {
        var source = Source();
        var existing = Row(2, "c1", TestKeys.NewH1(), sourceId: source);
        await RunAsync(_scenario.Admin, [Batch(1, [existing])]);
        var auditBefore = await _log.ScalarAsync<long>("SELECT COUNT(*) FROM audit_entries");
        var jobsBefore = await _log.ScalarAsync<long>("SELECT COUNT(*) FROM import_jobs");

        var responses = await RunAsync(_scenario.Admin, [Batch(1, [
            With(existing.Clone(), r => r.Status = RecordStatus.Expired),
            Row(3, "c2", TestKeys.NewH1(), sourceId: source),
            Row(4, "", TestKeys.NewH1(), sourceId: source)])], dryRun: true);

        var response = Assert.Single(responses);
        Assert.Equal((1, 1, 0, 1), (response.Inserted, response.Updated, response.Unchanged, response.Rejected));
        Assert.Equal(string.Empty, response.AuditEntryId);
        Assert.Equal(string.Empty, response.ImportId);
        Assert.Equal(1, await _log.ScalarAsync<long>($"SELECT COUNT(*) FROM records WHERE SourceId = '{source}'"));
        Assert.Equal("Active", await _log.ScalarAsync<string>($"SELECT Status FROM records WHERE SourceId = '{source}'"));
        Assert.Equal(auditBefore, await _log.ScalarAsync<long>("SELECT COUNT(*) FROM audit_entries"));
        Assert.Equal(jobsBefore, await _log.ScalarAsync<long>("SELECT COUNT(*) FROM import_jobs"));
    }

    [Fact]
    public async Task Import_AnExpungedRecord_IsNeverRestored()
    {
        var source = Source();
        var row = Row(2, "c1", TestKeys.NewH1(), sourceId: source);
        await RunAsync(_scenario.Admin, [Batch(1, [row])]);
        await _scenario.Admin.ExpungeRecordAsync(new ExpungeRecordRequest { SourceId = source, CaseNumber = "c1", Reason = "court order" }, cancellationToken: Ct);

        var response = Assert.Single(await RunAsync(_scenario.Admin, [Batch(1, [row])]));

        var rejection = Assert.Single(response.Rejections);
        Assert.Equal(("status", 2L), (rejection.Field, rejection.Line));
        Assert.Contains("expunged", rejection.Reason, StringComparison.Ordinal);
        Assert.Equal("Expunged", await _log.ScalarAsync<string>($"SELECT Status FROM records WHERE SourceId = '{source}'"));
    }

    [Fact]
    public async Task Import_ABatchOfTooManyRows_FailsTheStreamAndAppliesNothingOfIt()
    {
        var source = Source();
        var tooMany = Enumerable.Range(0, 1001).Select(i => Row(i + 3, $"big{i}", TestKeys.NewH1(), sourceId: source));

        var ex = await Assert.ThrowsAsync<RpcException>(() => RunAsync(_scenario.Admin, [
            Batch(1, [Row(2, "first", TestKeys.NewH1(), sourceId: source)]),
            Batch(2, tooMany)]));

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains("1..1000 rows", ex.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(1, await _log.ScalarAsync<long>($"SELECT COUNT(*) FROM records WHERE SourceId = '{source}'"));
        Assert.Equal(1, await _log.ScalarAsync<long>(
            $"SELECT COUNT(*) FROM import_jobs j WHERE Status = 'interrupted' AND Inserted = 1 AND EXISTS (SELECT 1 FROM audit_entries e WHERE e.Detail = 'import=' || j.Id || ';batch=1;inserted=1;updated=0;unchanged=0;rejected=0') AND (SELECT COUNT(*) FROM records WHERE SourceId = '{source}') = 1"));
    }

    [Fact]
    public async Task Import_BatchNumbersNotIncreasing_FailTheStream()
    {
        var source = Source();

        var ex = await Assert.ThrowsAsync<RpcException>(() => RunAsync(_scenario.Admin, [
            Batch(2, [Row(2, "a", TestKeys.NewH1(), sourceId: source)]),
            Batch(2, [Row(3, "b", TestKeys.NewH1(), sourceId: source)])]));

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains("must increase", ex.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(1, await _log.ScalarAsync<long>($"SELECT COUNT(*) FROM records WHERE SourceId = '{source}'"));
    }

    [Fact]
    public async Task Import_WithoutAStartMessage_IsInvalid()
    {
        using var call = _scenario.Admin.ImportRecords(cancellationToken: Ct);
        await call.RequestStream.WriteAsync(new ImportRecordsRequest { Batch = Batch(1, [Row(2, "a", TestKeys.NewH1())]) }, Ct);
        await call.RequestStream.CompleteAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(async () => await call.ResponseStream.MoveNext(Ct));

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Equal("start", Assert.Single(RpcAssert.BadRequest(ex)!.FieldViolations).Field);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a\nb")]
    public async Task Import_ABadSourceName_IsInvalidAndOpensNoJob(string sourceName)
    {
        var jobsBefore = await _log.ScalarAsync<long>("SELECT COUNT(*) FROM import_jobs");

        var ex = await Assert.ThrowsAsync<RpcException>(() => RunAsync(_scenario.Admin, [Batch(1, [Row(2, "a", TestKeys.NewH1())])], sourceName: sourceName));

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Equal(jobsBefore, await _log.ScalarAsync<long>("SELECT COUNT(*) FROM import_jobs"));
    }

    [Fact]
    public async Task Import_WithAPartnerKey_IsPermissionDenied()
    {
        var key = await _scenario.CreatePartnerKeyAsync();
        var admin = new AdminService.AdminServiceClient(factory.CreateChannel(key));

        var ex = await Assert.ThrowsAsync<RpcException>(() => RunAsync(admin, [Batch(1, [Row(2, "a", TestKeys.NewH1())])]));

        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
    }

    private static string Source() => "T" + Guid.NewGuid().ToString("N")[..12];

    private static RecordRow With(RecordRow row, Action<RecordRow> change)
    {
        change(row);
        return row;
    }
}
