using System.Security.Cryptography;
using System.Text;
using Grpc.Core;
using Registry.Protos.V1;
using Registry.Service.Tests.Audit;
using Registry.Service.Tests.Infrastructure;
using static Registry.Service.Tests.Import.ImportStream;

namespace Registry.Service.Tests.Import;

/// <summary>
/// A real service process killed (SIGKILL) in the middle of a large import leaves whole batches only, each with its job
/// counts and its audit entry; running the same import again on a restarted service ends with exactly the right records.
/// </summary>
[Collection(ServiceProcessTests.Name)]
public sealed class ImportKillTests : IAsyncDisposable
{
    private const int BatchSize = 250;
    private const int Batches = 80;
    private const string Source = "KILL-TEST";
    private readonly ReplicaSet _replicas = ReplicaSet.CreateSqlite();

    [Fact(Timeout = 120_000)]
    public async Task ServiceKilledMidImport_LeavesWholeBatchesAndTheSameImportAgainCompletesIt()
    {
        var ct = TestContext.Current.CancellationToken;
        var service = (await _replicas.StartAsync()).Single();
        var adminKey = await _replicas.AdminKeyAsync();
        var answered = 0;
        var admin = new AdminService.AdminServiceClient(service.CreateChannel(adminKey));
        using (var call = admin.ImportRecords(cancellationToken: ct))
        {
            await call.RequestStream.WriteAsync(new ImportRecordsRequest { Start = new ImportStart { SourceName = "big.csv" } }, ct);
            var writer = Task.Run(async () =>
            {
                for (var b = 1; b <= Batches; b++)
                {
                    await call.RequestStream.WriteAsync(new ImportRecordsRequest { Batch = BatchOf(b) }, ct);
                }
            }, ct);
            try
            {
                while (await call.ResponseStream.MoveNext(ct))
                {
                    if (++answered == 5)
                    {
                        service.Kill(); // batches 6.. are in flight: sent, some perhaps being applied
                    }
                }

                Assert.Fail("the stream ended normally although the service was killed");
            }
            catch (RpcException ex)
            {
                Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
            }

            await Assert.ThrowsAnyAsync<Exception>(() => writer);
        }

        var (records, links, jobInserted, jobBatches, batchEntries) = await StateAsync();
        Assert.True(records % BatchSize == 0, $"{records} records: a batch was half applied");
        Assert.InRange(records, answered * BatchSize, (Batches - 1) * BatchSize);
        Assert.Equal(records, links);
        Assert.Equal(records, jobInserted);
        Assert.Equal(jobBatches, batchEntries);
        Assert.Equal(records / BatchSize, jobBatches);

        // The killed job stays "running" in the database; the restarted service lists it as abandoned once no batch has been
        // applied to it for twice its idle timeout (5 s here, so 10 s).
        var restarted = (await _replicas.StartAsync(configure: environment => environment["Registry__Import__IdleTimeout"] = "00:00:05")).Single();
        var restartedAdmin = new AdminService.AdminServiceClient(restarted.CreateChannel(adminKey));
        var killedJob = (await restartedAdmin.ListImportJobsAsync(new ListImportJobsRequest(), cancellationToken: ct)).Jobs.Single();
        Assert.Equal((ImportJobStatus.Running, jobBatches), (killedJob.Status, killedJob.Batches));
        await Eventually.UntilAsync(async () =>
            (await restartedAdmin.ListImportJobsAsync(new ListImportJobsRequest(), cancellationToken: ct)).Jobs.Single().Status == ImportJobStatus.Abandoned,
            TimeSpan.FromSeconds(60), () => "the killed import job to be listed as abandoned");

        var again = await RunAsync(restartedAdmin, Enumerable.Range(1, Batches).Select(BatchOf));

        Assert.Equal(Batches, again.Count);
        Assert.Equal(Batches * BatchSize - records, again.Sum(r => r.Inserted));
        Assert.Equal(records, again.Sum(r => r.Unchanged));
        Assert.Equal(0, again.Sum(r => r.Updated + r.Rejected));
        var (finalRecords, finalLinks, _, _, _) = await StateAsync();
        Assert.Equal((Batches * BatchSize, Batches * BatchSize), (finalRecords, finalLinks));
        var jobs = (await restartedAdmin.ListImportJobsAsync(new ListImportJobsRequest(), cancellationToken: ct)).Jobs;
        Assert.Equal(2, jobs.Count);
        Assert.Equal(
            (ImportJobStatus.Completed, (long)Batches, (long)(Batches * BatchSize) - records, records),
            (jobs[0].Status, jobs[0].Batches, jobs[0].Inserted, jobs[0].Unchanged));
        Assert.Equal((ImportJobStatus.Abandoned, killedJob.ImportId, records), (jobs[1].Status, jobs[1].ImportId, jobs[1].Inserted));
    }

    public ValueTask DisposeAsync() => _replicas.DisposeAsync();

    private static RecordBatch BatchOf(int number) =>
        Batch(number, Enumerable.Range((number - 1) * BatchSize, BatchSize).Select(i => Row(i + 2, $"case-{i}", H1(i), sourceId: Source)));

    private static byte[] H1(int i) => SHA256.HashData(Encoding.UTF8.GetBytes($"kill-test-{i}"));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(long Records, long Links, long JobInserted, long JobBatches, long BatchEntries)> StateAsync()
    {
        await using var connection = await _replicas.Database.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            $"SELECT (SELECT COUNT(*) FROM records WHERE SourceId = '{Source}'), " +
            $"(SELECT COUNT(*) FROM record_subjects s JOIN records r ON r.Id = s.RecordId WHERE r.SourceId = '{Source}'), " +
            "(SELECT Inserted FROM import_jobs ORDER BY StartedAt LIMIT 1), (SELECT Batches FROM import_jobs ORDER BY StartedAt LIMIT 1), " +
            "(SELECT COUNT(*) FROM audit_entries e, (SELECT Id FROM import_jobs ORDER BY StartedAt LIMIT 1) j " +
            " WHERE e.Action = 'record.import' AND e.Detail LIKE 'import=' || j.Id || ';batch=%')";
        await using var reader = await command.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct));
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4));
    }
}
