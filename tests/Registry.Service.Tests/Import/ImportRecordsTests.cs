using Grpc.Core;
using Registry.Protos.V1;
using Registry.Service.Tests.Infrastructure;
using static Registry.Service.Tests.Import.ImportStream;

namespace Registry.Service.Tests.Import;

/// <summary>
/// ImportRecords through the real gRPC pipeline on a real database: each batch applied atomically and idempotently by
/// record key, counted in its import job, audited; the service validates every row again; a dry run writes nothing.
/// Every scenario runs on each provider's import path (<see cref="SqliteImportRecordsTests"/>: prepared statements row
/// by row; <see cref="PostgresImportRecordsTests"/>: set-based reads and binary COPY), and reads the result back through EF.
/// </summary>
public abstract class ImportRecordsTests(RegistryAppFactory factory)
{
    private readonly RegistryScenario _scenario = new(factory);
    private readonly ImportedData _data = new(factory);

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
        Assert.Equal(5, await _data.CountRecordsAsync(source));
        Assert.Equal(5, await _data.CountSubjectLinksAsync(source));
        var job = await _data.JobAsync(importId);
        Assert.Equal(("completed", 2L, 5L, 0L, 0L, 0L), (job.Status, job.Batches, job.Inserted, job.Updated, job.Unchanged, job.Rejected));
        // The test clock stands still, so the entries share one instant: compare them by detail, not by order.
        var entries = await _data.EntriesAsync(importId);
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
        var before = (await _data.RecordsAsync(source)).Select(r => (r.Version, r.UpdatedAt)).ToList();

        var again = await RunAsync(_scenario.Admin, [Batch(1, rows)]);

        var response = Assert.Single(again);
        Assert.Equal((0, 0, 20, 0), (response.Inserted, response.Updated, response.Unchanged, response.Rejected));
        Assert.Equal(20, before.Count);
        Assert.Equal(before, (await _data.RecordsAsync(source)).Select(r => (r.Version, r.UpdatedAt)));
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
        Assert.Equal(1, await _data.CountRecordsAsync(source));
    }

    [Fact]
    public async Task Import_DryRun_ClassifiesEveryRowAndWritesNothing()
    {
        var source = Source();
        var existing = Row(2, "c1", TestKeys.NewH1(), sourceId: source);
        await RunAsync(_scenario.Admin, [Batch(1, [existing])]);
        var auditBefore = await _data.CountAuditEntriesAsync();
        var jobsBefore = await _data.CountJobsAsync();

        var responses = await RunAsync(_scenario.Admin, [Batch(1, [
            With(existing.Clone(), r => r.Status = RecordStatus.Expired),
            Row(3, "c2", TestKeys.NewH1(), sourceId: source),
            Row(4, "", TestKeys.NewH1(), sourceId: source)])], dryRun: true);

        var response = Assert.Single(responses);
        Assert.Equal((1, 1, 0, 1), (response.Inserted, response.Updated, response.Unchanged, response.Rejected));
        Assert.Equal(string.Empty, response.AuditEntryId);
        Assert.Equal(string.Empty, response.ImportId);
        Assert.Equal(Records.RecordStatus.Active, Assert.Single(await _data.RecordsAsync(source)).Status);
        Assert.Equal(auditBefore, await _data.CountAuditEntriesAsync());
        Assert.Equal(jobsBefore, await _data.CountJobsAsync());
    }

    [Fact]
    public async Task Import_AnExpungedRecord_IsNeverRestored()
    {
        var source = Source();
        var h1 = TestKeys.NewH1();
        var row = Row(2, "c1", h1, sourceId: source);
        await RunAsync(_scenario.Admin, [Batch(1, [row])]);
        await _scenario.Admin.ExpungeRecordAsync(new ExpungeRecordRequest { SourceId = source, CaseNumber = "c1", Reason = "court order" }, cancellationToken: Ct);

        var unchanged = Assert.Single(await RunAsync(_scenario.Admin, [Batch(1, [row])]));
        var response = Assert.Single(await RunAsync(_scenario.Admin, [Batch(1, [Row(2, "c1", h1, RecordStatus.Expired, sourceId: source)])]));

        Assert.Equal((0, 0, 1, 0), (unchanged.Inserted, unchanged.Updated, unchanged.Unchanged, unchanged.Rejected));
        var rejection = Assert.Single(response.Rejections);
        Assert.Equal(("status", 2L), (rejection.Field, rejection.Line));
        Assert.Contains("expunged", rejection.Reason, StringComparison.Ordinal);
        Assert.Equal(Records.RecordStatus.Expunged, Assert.Single(await _data.RecordsAsync(source)).Status);
    }

    [Fact]
    public async Task Import_TheCourtsUnchangedExportOfACorrectedRecord_LeavesTheCorrection()
    {
        // An administrator corrects a record; the court's next export still lists it as it was.
        var source = Source();
        var row = Row(2, "c1", TestKeys.NewH1(), sourceId: source);
        await RunAsync(_scenario.Admin, [Batch(1, [row])]);
        var expires = new Google.Type.Date { Year = 2025, Month = 3, Day = 1 };
        await _scenario.Admin.CorrectRecordAsync(new CorrectRecordRequest
        {
            SourceId = source, CaseNumber = "c1", Status = RecordStatus.Expired, ExpiresAt = expires, Reason = "order 3",
        }, cancellationToken: Ct);

        var again = Assert.Single(await RunAsync(_scenario.Admin, [Batch(1, [row])]));

        Assert.Equal((0, 0, 1, 0), (again.Inserted, again.Updated, again.Unchanged, again.Rejected));
        var stored = Assert.Single(await _data.RecordsAsync(source));
        Assert.Equal((Records.RecordStatus.Expired, new DateOnly(2025, 3, 1)), (stored.Status, stored.ExpiresAt));
    }

    [Fact]
    public async Task Import_AChangedExportOfACorrectedRecord_SupersedesTheCorrection()
    {
        var source = Source();
        var h1 = TestKeys.NewH1();
        await RunAsync(_scenario.Admin, [Batch(1, [Row(2, "c1", h1, sourceId: source)])]);
        await _scenario.Admin.CorrectRecordAsync(
            new CorrectRecordRequest { SourceId = source, CaseNumber = "c1", Status = RecordStatus.Expired, Reason = "order 4" }, cancellationToken: Ct);
        var changed = Row(2, "c1", h1, sourceId: source);
        changed.Article = "ст. 107 УК РК";

        var update = Assert.Single(await RunAsync(_scenario.Admin, [Batch(1, [changed])]));
        var stored = Assert.Single(await _data.RecordsAsync(source));
        var again = Assert.Single(await RunAsync(_scenario.Admin, [Batch(1, [Row(2, "c1", h1, sourceId: source)])]));

        Assert.Equal((0, 1, 0, 0), (update.Inserted, update.Updated, update.Unchanged, update.Rejected));
        Assert.Equal((Records.RecordStatus.Active, "ст. 107 УК РК"), (stored.Status, stored.Article));
        // The correction is gone with the export it corrected: the court's older row is now a change like any other.
        Assert.Equal((0, 1, 0, 0), (again.Inserted, again.Updated, again.Unchanged, again.Rejected));
    }

    [Fact]
    public async Task Import_AnOverturnedRecord_IsLeftAloneByItsUnchangedExportAndNeverChangedByAnother()
    {
        // An administrator overturns a record; the court's exports still list the case as active.
        var source = Source();
        var h1 = TestKeys.NewH1();
        var row = Row(2, "c1", h1, sourceId: source);
        await RunAsync(_scenario.Admin, [Batch(1, [row])]);
        await _scenario.Admin.CorrectRecordAsync(
            new CorrectRecordRequest { SourceId = source, CaseNumber = "c1", Status = RecordStatus.Overturned, Reason = "appeal 12" }, cancellationToken: Ct);
        var changed = Row(2, "c1", h1, sourceId: source);
        changed.Court = "Another court";

        var unchanged = Assert.Single(await RunAsync(_scenario.Admin, [Batch(1, [row])]));
        var refused = Assert.Single(await RunAsync(_scenario.Admin, [Batch(1, [changed])]));

        Assert.Equal((0, 0, 1, 0), (unchanged.Inserted, unchanged.Updated, unchanged.Unchanged, unchanged.Rejected));
        var rejection = Assert.Single(refused.Rejections);
        Assert.Equal(("status", 2L), (rejection.Field, rejection.Line));
        Assert.Contains("overturned", rejection.Reason, StringComparison.Ordinal);
        Assert.Equal(Records.RecordStatus.Overturned, Assert.Single(await _data.RecordsAsync(source)).Status);
    }

    [Fact]
    public async Task Import_ABatchOfTooManyRows_FailsTheStreamAndAppliesNothingOfIt()
    {
        var source = Source();
        var tooMany = Enumerable.Range(0, 1001).Select(i => Row(i + 3, $"big{i}", TestKeys.NewH1(), sourceId: source));

        var ex = await Assert.ThrowsAsync<RpcException>(() => RunAsync(_scenario.Admin, [
            Batch(1, [Row(2, "first", TestKeys.NewH1(), sourceId: source)]),
            Batch(2, tooMany)], sourceName: $"{source}.csv"));

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains("1..1000 rows", ex.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(1, await _data.CountRecordsAsync(source));
        var job = await _data.JobOfSourceAsync($"{source}.csv");
        Assert.Equal(("interrupted", 1L, 1L), (job.Status, job.Batches, job.Inserted));
        Assert.Equal(
            [$"import={job.Id};batch=1;inserted=1;updated=0;unchanged=0;rejected=0", $"import={job.Id};interrupted;batches=1;inserted=1;updated=0;unchanged=0;rejected=0", $"import={job.Id};started;source={source}.csv"],
            (await _data.EntriesAsync(job.Id)).Keys.Order(StringComparer.Ordinal));
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
        Assert.Equal(1, await _data.CountRecordsAsync(source));
    }

    [Fact]
    public async Task Import_WithoutAStartMessage_IsInvalid()
    {
        using var call = _scenario.Admin.ImportRecords(cancellationToken: Ct);
        try
        {
            await call.RequestStream.WriteAsync(new ImportRecordsRequest { Batch = Batch(1, [Row(2, "a", TestKeys.NewH1())]) }, Ct);
            await call.RequestStream.CompleteAsync();
        }
        catch (Exception e) when (e is RpcException or InvalidOperationException)
        {
            // The service may refuse the stream before this write or its completion returns; its status is read below.
        }

        var ex = await Assert.ThrowsAsync<RpcException>(async () => await call.ResponseStream.MoveNext(Ct));

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Equal("start", Assert.Single(RpcAssert.BadRequest(ex)!.FieldViolations).Field);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a\nb")]
    public async Task Import_ABadSourceName_IsInvalidAndOpensNoJob(string sourceName)
    {
        var jobsBefore = await _data.CountJobsAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(() => RunAsync(_scenario.Admin, [Batch(1, [Row(2, "a", TestKeys.NewH1())])], sourceName: sourceName));

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Equal(jobsBefore, await _data.CountJobsAsync());
    }

    [Fact]
    public async Task Import_WithAPartnerKey_IsPermissionDenied()
    {
        var key = await _scenario.CreatePartnerKeyAsync();
        var admin = new AdminService.AdminServiceClient(factory.CreateChannel(key));

        var ex = await Assert.ThrowsAsync<RpcException>(() => RunAsync(admin, [Batch(1, [Row(2, "a", TestKeys.NewH1())])]));

        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
    }

    [Fact]
    public async Task Import_NewRecords_ReadBackThroughEfExactlyAsImported()
    {
        var source = Source();
        var (h1, iin, nameDob) = (TestKeys.NewH1(), TestKeys.NewH1(), TestKeys.NewH1());
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var full = Row(2, "c1", h1, sourceId: source);
        var sparse = With(Row(3, "c2", iin, RecordStatus.Expired, sourceId: source), r =>
        {
            r.Category = RecordCategory.ProtectiveOrder;
            (r.Article, r.Region, r.Court) = ("", "", "");
            r.EffectiveFrom = null;
            r.ExpiresAt = new Google.Type.Date { Year = 2027, Month = 5, Day = 1 };
            r.Identities.Add(new HashedIdentity { Kind = IdentityKind.NameDob, H1 = Google.Protobuf.ByteString.CopyFrom(nameDob) });
        });

        await RunAsync(_scenario.Admin, [Batch(1, [full, sparse])]);

        var records = await _data.RecordsAsync(source);
        Assert.Equal(2, records.Count);
        var (first, second) = (records[0], records[1]);
        Assert.Equal(
            (Records.RecordCategory.CriminalConviction, "ст. 106 ч.2 УК РК", "KZ-71", "Межрайонный суд \"по уголовным делам\"\nг. Астаны"),
            (first.Category, first.Article, first.Region, first.Court));
        Assert.Equal((new DateOnly(2024, 3, 2), new DateOnly(2024, 3, 2), (DateOnly?)null, Records.RecordStatus.Active),
            (first.DecisionDate, first.EffectiveFrom, first.ExpiresAt, first.Status));
        Assert.Equal((Records.RecordCategory.ProtectiveOrder, (string?)null, (string?)null, (string?)null),
            (second.Category, second.Article, second.Region, second.Court));
        Assert.Equal((new DateOnly(2024, 3, 2), (DateOnly?)null, new DateOnly(2027, 5, 1), Records.RecordStatus.Expired),
            (second.DecisionDate, second.EffectiveFrom, second.ExpiresAt, second.Status));
        Assert.All(records, r =>
        {
            Assert.Equal((now, now, DateTimeKind.Utc), (r.CreatedAt, r.UpdatedAt, r.CreatedAt.Kind));
            Assert.NotEqual(Guid.Empty, r.Version);
        });
        Assert.NotEqual(first.Version, second.Version);
        Assert.Equal([Link(h1)], first.Subjects.Select(s => (Convert.ToHexString(s.SubjectKey), s.SubjectKeyId)));
        Assert.Equal(new[] { Link(iin), Link(nameDob) }.Order(), second.Subjects.Select(s => (Convert.ToHexString(s.SubjectKey), s.SubjectKeyId)).Order());
    }

    [Fact]
    public async Task Import_ThenASummaryCheck_FindsTheRecordsWithTheirCategoriesAndDates()
    {
        var source = Source();
        var h1 = TestKeys.NewH1();
        var order = new Google.Type.Date { Year = 2026, Month = 11, Day = 1 };
        await RunAsync(_scenario.Admin, [Batch(1, [
            Row(2, "conviction", h1, sourceId: source),
            With(Row(3, "order", h1, sourceId: source), r =>
            {
                (r.Category, r.DecisionDate, r.EffectiveFrom) = (RecordCategory.ProtectiveOrder, order, order);
                r.ExpiresAt = new Google.Type.Date { Year = 2027, Month = 1, Day = 1 };
            }),
            Row(4, "overturned", h1, RecordStatus.Overturned, sourceId: source)])]);
        var key = await _scenario.CreatePartnerKeyAsync();
        var consentId = await _scenario.GrantAsync(key, h1, scope: ConsentScope.Summary);

        var response = await _scenario.Checks(key).CheckAsync(RegistryScenario.CheckRequest(consentId, h1), cancellationToken: Ct);

        Assert.Equal(CheckOutcome.RecordFound, response.Outcome);
        Assert.True(response.Summary.ProtectiveOrderInForce);
        Assert.Equal(
            new Dictionary<RecordCategory, (int, Google.Type.Date)>
            {
                [RecordCategory.CriminalConviction] = (1, DecisionDate),
                [RecordCategory.ProtectiveOrder] = (1, order),
            },
            response.Summary.Categories.ToDictionary(c => c.Category, c => (c.Count, c.LatestDecisionDate)));
    }

    // The SQLite path inserts first while the batches before brought mostly new keys, and finds first after a re-import
    // (RecordImportCommands): the batch before the mixed one decides which, and both must apply each row alike.
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Import_AMixedBatch_AppliesEachRowToItsOwnRecord(bool afterABatchOfNewKeys)
    {
        var source = Source();
        var h = Enumerable.Range(0, 7).Select(_ => TestKeys.NewH1()).ToArray();
        await RunAsync(_scenario.Admin, [Batch(1, [
            Row(2, "a", h[0], sourceId: source), Row(3, "b", h[1], sourceId: source), Row(4, "c", h[2], sourceId: source),
            Row(5, "d", h[3], sourceId: source)])]);
        await _scenario.Admin.ExpungeRecordAsync(new ExpungeRecordRequest { SourceId = source, CaseNumber = "d", Reason = "court order" }, cancellationToken: Ct);
        var before = (await _data.RecordsAsync(source)).ToDictionary(r => r.CaseNumber);
        var primer = Source();
        var primerRows = Enumerable.Range(1, 4).Select(i => Row(i + 1, $"p{i}", TestKeys.NewH1(), sourceId: primer)).ToArray();
        await RunAsync(_scenario.Admin, [Batch(1, primerRows)]);
        if (!afterABatchOfNewKeys)
        {
            var again = Assert.Single(await RunAsync(_scenario.Admin, [Batch(1, primerRows)]));
            Assert.Equal(4, again.Unchanged);
        }

        var response = Assert.Single(await RunAsync(_scenario.Admin, [Batch(2, [
            Row(12, "e", h[4], sourceId: source),
            Row(13, "a", h[0], sourceId: source),
            Row(14, "b", h[1], RecordStatus.Overturned, sourceId: source),
            Row(15, "c", h[5], sourceId: source),
            Row(16, "d", h[3], RecordStatus.Expired, sourceId: source),
            Row(17, "f", h[6], sourceId: source)])]));

        Assert.Equal((2, 2, 1, 1), (response.Inserted, response.Updated, response.Unchanged, response.Rejected));
        Assert.Equal("16:status", Assert.Single(response.Rejections.Select(r => $"{r.Line}:{r.Field}")));
        var after = (await _data.RecordsAsync(source)).ToDictionary(r => r.CaseNumber);
        Assert.Equal(["a", "b", "c", "d", "e", "f"], after.Keys);
        Assert.Equal(
            [Records.RecordStatus.Active, Records.RecordStatus.Overturned, Records.RecordStatus.Active, Records.RecordStatus.Expunged,
             Records.RecordStatus.Active, Records.RecordStatus.Active],
            after.Values.Select(r => r.Status));
        Assert.Equal([Link(h[0]), Link(h[1]), Link(h[5]), Link(h[3]), Link(h[4]), Link(h[6])],
            after.Values.Select(r => Assert.Single(r.Subjects)).Select(s => (Convert.ToHexString(s.SubjectKey), s.SubjectKeyId)));
        Assert.Equal(before["a"].Version, after["a"].Version);
        Assert.Equal(before["d"].Version, after["d"].Version);
        Assert.NotEqual(before["b"].Version, after["b"].Version);
        Assert.NotEqual(before["c"].Version, after["c"].Version);
    }

    [Fact]
    public async Task Import_ABatchFailingInItsLastWrite_AppliesNothingOfItAndTheJobCountsOnlyTheBatchesBefore()
    {
        var source = Source();
        var (a, b, refused) = (TestKeys.NewH1(), TestKeys.NewH1(), TestKeys.NewH1());
        await RunAsync(_scenario.Admin, [Batch(1, [Row(2, "a", a, sourceId: source), Row(3, "b", b, sourceId: source)])]);
        await _data.RefuseLinksToAsync(_data.KeyOf(refused).Value);

        // Batch 2 updates b, then inserts c and d (whose link the database refuses): the failure comes after the others.
        var ex = await Assert.ThrowsAsync<RpcException>(() => RunAsync(_scenario.Admin, [
            Batch(1, [Row(2, "e", TestKeys.NewH1(), sourceId: source)]),
            Batch(2, [Row(3, "b", b, RecordStatus.Overturned, sourceId: source), Row(4, "c", TestKeys.NewH1(), sourceId: source),
                Row(5, "d", refused, sourceId: source)])], sourceName: $"{source}.csv"));

        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
        var records = await _data.RecordsAsync(source);
        Assert.Equal(["a", "b", "e"], records.Select(r => r.CaseNumber));
        Assert.All(records, r => Assert.Equal(Records.RecordStatus.Active, r.Status));
        Assert.Equal(3, await _data.CountSubjectLinksAsync(source));
        var job = await _data.JobOfSourceAsync($"{source}.csv");
        Assert.Equal(("interrupted", 1L, 1L, 0L), (job.Status, job.Batches, job.Inserted, job.Updated));
        Assert.DoesNotContain((await _data.EntriesAsync(job.Id)).Keys, d => d.Contains(";batch=2;", StringComparison.Ordinal));
    }

    private static string Source() => "T" + Guid.NewGuid().ToString("N")[..12];

    private (string Key, string KeyId) Link(byte[] h1)
    {
        var key = _data.KeyOf(h1);
        return (Convert.ToHexString(key.Value), key.KeyId);
    }

    private static RecordRow With(RecordRow row, Action<RecordRow> change)
    {
        change(row);
        return row;
    }
}
