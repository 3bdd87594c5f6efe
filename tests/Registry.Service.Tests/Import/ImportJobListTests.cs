using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Registry.Protos.V1;
using Registry.Service.Infrastructure;
using Registry.Service.Tests.Infrastructure;
using static Registry.Service.Tests.Import.ImportStream;
using StoredJob = Registry.Service.Import.ImportJob;

namespace Registry.Service.Tests.Import;

/// <summary>
/// ListImportJobs through the real gRPC pipeline: jobs newest first with their counts, paged; a dry run leaves no job; a
/// job the database still marks running is listed as abandoned once no batch has been applied for twice the idle timeout;
/// an import stream that sends nothing for the idle timeout is ended with IMPORT_IDLE and its job closed as interrupted.
/// A host of its own per test, because the tests move its clock; on SQLite (<see cref="SqliteImportJobListTests"/>) and
/// PostgreSQL (<see cref="PostgresImportJobListTests"/>).
/// </summary>
public abstract class ImportJobListTests : IAsyncLifetime
{
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(2);
    private readonly RegistryAppFactory _factory;

    protected ImportJobListTests(RegistryAppFactory factory) =>
        _factory = (factory ?? throw new ArgumentNullException(nameof(factory))).With("Registry:Import:IdleTimeout", "00:02:00");

    private RegistryScenario Scenario => new(_factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ListImportJobs_AfterThreeImports_ListsThemNewestFirstWithTheirCountsInPages()
    {
        var source = $"LIST-{Guid.NewGuid():N}";
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            _factory.Clock.Advance(TimeSpan.FromSeconds(1)); // job ids order by start time, to the millisecond
            var rows = Enumerable.Range(0, i + 1).Select(n => Row(n + 2, $"case-{i}-{n}", TestKeys.NewH1(), sourceId: source)).ToList();
            rows.Add(Row(99, $"case-{i}-bad", TestKeys.NewH1(), status: RecordStatus.Unspecified, sourceId: source));
            var responses = await RunAsync(Scenario.Admin, [Batch(1, rows)], sourceName: $"court-{i}.csv");
            ids.Add(responses.Single().ImportId);
        }

        var first = await Scenario.Admin.ListImportJobsAsync(new ListImportJobsRequest { PageSize = 2 }, cancellationToken: Ct);
        var second = await Scenario.Admin.ListImportJobsAsync(
            new ListImportJobsRequest { PageSize = 2, BeforeImportId = first.Jobs[^1].ImportId }, cancellationToken: Ct);

        Assert.Equal([ids[2], ids[1]], first.Jobs.Select(j => j.ImportId));
        Assert.True(first.HasMore);
        Assert.Equal([ids[0]], second.Jobs.Select(j => j.ImportId));
        Assert.False(second.HasMore);
        var newest = first.Jobs[0];
        Assert.Equal(
            ("court-2.csv", ImportJobStatus.Completed, 1L, 3L, 0L, 0L, 1L),
            (newest.SourceName, newest.Status, newest.Batches, newest.Inserted, newest.Updated, newest.Unchanged, newest.Rejected));
        Assert.Equal(_factory.Clock.GetUtcNow(), newest.FinishedAt.ToDateTimeOffset());
        Assert.Equal(_factory.Clock.GetUtcNow(), newest.StartedAt.ToDateTimeOffset());
        Assert.StartsWith("p_", newest.PartnerId, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(newest.KeyId));
        Assert.Equal((1L, 1L), (second.Jobs[0].Inserted, second.Jobs[0].Rejected));
    }

    [Fact]
    public async Task ListImportJobs_ADryRun_LeavesNoJob()
    {
        var before = await Scenario.Admin.ListImportJobsAsync(new ListImportJobsRequest { PageSize = 100 }, cancellationToken: Ct);

        await RunAsync(Scenario.Admin, [Batch(1, [Row(2, "dry-1", TestKeys.NewH1())])], dryRun: true);

        var after = await Scenario.Admin.ListImportJobsAsync(new ListImportJobsRequest { PageSize = 100 }, cancellationToken: Ct);
        Assert.Equal(before.Jobs.Select(j => j.ImportId), after.Jobs.Select(j => j.ImportId));
    }

    [Fact]
    public async Task ListImportJobs_AJobLeftRunning_IsAbandonedOnlyOnceNoBatchWasAppliedForTwiceTheIdleTimeout()
    {
        // What a killed service leaves behind: a job still marked running (ImportKillTests does it with a real process).
        var now = _factory.Clock.GetUtcNow();
        var id = "imp_" + Guid.CreateVersion7(now.AddYears(1)).ToString("N"); // the newest job of this host
        await using (var db = await _factory.Services.GetRequiredService<IDbContextFactory<RegistryDbContext>>().CreateDbContextAsync(Ct))
        {
            db.Add(new StoredJob
            {
                Id = id, SourceName = "killed.csv", Status = "running", StartedAt = now.UtcDateTime, UpdatedAt = now.UtcDateTime, Batches = 4, Inserted = 4000,
            });
            await db.SaveChangesAsync(Ct);
        }

        var fresh = await NewestAsync();
        _factory.Clock.Advance((2 * IdleTimeout) - TimeSpan.FromSeconds(1));
        var almost = await NewestAsync();
        _factory.Clock.Advance(TimeSpan.FromSeconds(2));
        var abandoned = await NewestAsync();

        Assert.Equal(id, abandoned.ImportId);
        Assert.Equal(ImportJobStatus.Running, fresh.Status);
        Assert.Equal(ImportJobStatus.Running, almost.Status);
        Assert.Equal(ImportJobStatus.Abandoned, abandoned.Status);
        Assert.Null(abandoned.FinishedAt);
        Assert.Equal((4L, 4000L), (abandoned.Batches, abandoned.Inserted));
    }

    [Fact]
    public async Task ImportRecords_ClientSilentForTheIdleTimeout_IsEndedWithImportIdleAndItsJobIsInterruptedWithItsBatch()
    {
        using var call = Scenario.Admin.ImportRecords(cancellationToken: Ct);
        await call.RequestStream.WriteAsync(new ImportRecordsRequest { Start = new ImportStart { SourceName = "silent.csv" } }, Ct);
        await call.RequestStream.WriteAsync(new ImportRecordsRequest { Batch = Batch(1, [Row(2, $"silent-{Guid.NewGuid():N}", TestKeys.NewH1())]) }, Ct);
        Assert.True(await call.ResponseStream.MoveNext(Ct));
        var importId = call.ResponseStream.Current.ImportId;

        // The client sends nothing more. Move the clock until the service's idle timer (armed once it waits for the next
        // message) has fired; before that the stream stays open.
        var next = call.ResponseStream.MoveNext(Ct);
        Assert.False(next.IsCompleted);
        await Audit.Eventually.UntilAsync(() =>
        {
            _factory.Clock.Advance(IdleTimeout);
            return Task.FromResult(next.IsCompleted);
        }, TimeSpan.FromSeconds(30), () => "the silent import stream to be ended");

        var ex = await Assert.ThrowsAsync<RpcException>(() => next);
        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
        Assert.Equal("IMPORT_IDLE", RpcAssert.Reason(ex));
        var job = (await Scenario.Admin.ListImportJobsAsync(new ListImportJobsRequest { PageSize = 100 }, cancellationToken: Ct)).Jobs
            .Single(j => j.ImportId == importId);
        Assert.Equal((ImportJobStatus.Interrupted, 1L, 1L), (job.Status, job.Batches, job.Inserted));
        Assert.NotNull(job.FinishedAt);
    }

    [Theory]
    [InlineData(-1, "", "page_size")]
    [InlineData(101, "", "page_size")]
    [InlineData(0, "imp_0123", "before_import_id")]
    [InlineData(0, "imp_0123456789ABCDEF0123456789ABCDEF", "before_import_id")]
    [InlineData(0, "' OR 1=1 --", "before_import_id")]
    [InlineData(0, "imp_0123456789abcdef0123456789abcdef0", "before_import_id")]
    public async Task ListImportJobs_OutOfRange_IsInvalidArgumentNamingTheFieldWithoutEchoingIt(int pageSize, string before, string field)
    {
        var ex = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, "INVALID_ARGUMENT", async () =>
            await Scenario.Admin.ListImportJobsAsync(new ListImportJobsRequest { PageSize = pageSize, BeforeImportId = before }, cancellationToken: Ct));

        Assert.Equal(field, Assert.Single(RpcAssert.BadRequest(ex)!.FieldViolations).Field);
        if (before.Length > 0)
        {
            Assert.DoesNotContain(before, ex.Status.Detail, StringComparison.Ordinal);
        }
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private async Task<Protos.V1.ImportJob> NewestAsync() =>
        (await Scenario.Admin.ListImportJobsAsync(new ListImportJobsRequest { PageSize = 1 }, cancellationToken: Ct)).Jobs.Single();
}

/// <summary>The job listing on a real SQLite file.</summary>
public sealed class SqliteImportJobListTests() : ImportJobListTests(new RegistryAppFactory());

/// <summary>The job listing on a real PostgreSQL database (its paging compares ids in the database's collation).</summary>
public sealed class PostgresImportJobListTests : ImportJobListTests
{
    public PostgresImportJobListTests()
        : base(new PostgresImportAppFactory()) => PostgresImportAppFactory.SkipUnlessAvailable();
}
