using System.Runtime.CompilerServices;
using Grpc.Core;
using Registry.Client.Admin;
using Registry.Client.Checks;
using Registry.Client.Identity;
using Registry.Client.Tests.Infrastructure;
using P = Registry.Protos.V1;

namespace Registry.Client.Tests.Admin;

public sealed class RegistryClientImportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ImportRecords_TwoBatches_SendsStartThenNumberedBatchesAndYieldsEachAnswer()
    {
        await using var host = await RegistryTestHost.StartAsync(Ct);
        var received = new List<P.ImportRecordsRequest>();
        host.Admin.OnImportRecords = async (requests, responses, context) =>
        {
            await foreach (var request in requests.ReadAllAsync(context.CancellationToken))
            {
                received.Add(request);
                if (request.ItemCase == P.ImportRecordsRequest.ItemOneofCase.Batch)
                {
                    await responses.WriteAsync(new P.ImportRecordsResponse
                    {
                        BatchNumber = request.Batch.BatchNumber, Inserted = 1, Updated = 2, Unchanged = 3, Rejected = 1,
                        Rejections = { new P.RowRejection { Line = 7, Field = "decision_date", Reason = "in the future" } },
                        AuditEntryId = "a-" + request.Batch.BatchNumber,
                    });
                }
            }
        };
        var sut = host.CreateClient();

        var results = await sut.ImportRecordsAsync("court.csv", Batches([Row(2)], [Row(3), Row(4)]), dryRun: true, Ct).ToListAsync(Ct);

        Assert.Equal(3, received.Count);
        Assert.Equal("court.csv", received[0].Start.SourceName);
        Assert.True(received[0].Start.DryRun);
        Assert.Equal([1L, 2L], received.Skip(1).Select(r => r.Batch.BatchNumber));
        Assert.Equal(2, received[2].Batch.Rows.Count);
        AssertRow(received[1].Batch.Rows[0]);
        Assert.Equal([1L, 2L], results.Select(r => r.BatchNumber));
        var first = results[0];
        Assert.Equal((1, 2, 3, 1, "a-1"), (first.Inserted, first.Updated, first.Unchanged, first.Rejected, first.AuditEntryId));
        var rejection = Assert.Single(first.Rejections);
        Assert.Equal((7L, "decision_date", "in the future"), (rejection.Line, rejection.Field, rejection.Reason));
    }

    [Fact]
    public async Task ImportRecords_ServerFailsTheStream_ThrowsConvertedException()
    {
        await using var host = await RegistryTestHost.StartAsync(Ct);
        host.Admin.OnImportRecords = (_, _, _) => throw RpcErrors.Exception(StatusCode.PermissionDenied, "ROLE_NOT_ALLOWED");
        var sut = host.CreateClient();

        var ex = await Assert.ThrowsAsync<RegistryAuthException>(
            async () => await sut.ImportRecordsAsync("f.csv", Batches([Row(2)]), cancellationToken: Ct).ToListAsync(Ct));

        Assert.Equal("ROLE_NOT_ALLOWED", ex.ErrorCode);
    }

    [Fact]
    public async Task ImportRecords_CallerBatchesThrow_SurfacesTheCallersException()
    {
        await using var host = await RegistryTestHost.StartAsync(Ct);
        host.Admin.OnImportRecords = async (requests, _, context) =>
        {
            await foreach (var request in requests.ReadAllAsync(context.CancellationToken))
            {
                Assert.NotNull(request);
            }
        };
        var sut = host.CreateClient();

        var ex = await Assert.ThrowsAsync<InvalidDataException>(
            async () => await sut.ImportRecordsAsync("f.csv", FailingBatches(Ct), cancellationToken: Ct).ToListAsync(Ct));

        Assert.Equal("bad file", ex.Message);
    }

    private static RecordRow Row(long line) => new()
    {
        Line = line,
        SourceId = "court-1",
        CaseNumber = "2-" + line,
        Identities = [SubjectIdentity.FromIin("900521389141"), SubjectIdentity.FromNameAndBirthDate("Иванов Иван", new DateOnly(1990, 5, 21))],
        Category = RecordCategory.ProtectiveOrder,
        Article = "73-1",
        Region = "KZ-ALA",
        Court = "Almaty district court",
        DecisionDate = new DateOnly(2025, 3, 1),
        EffectiveFrom = new DateOnly(2025, 3, 2),
        ExpiresAt = new DateOnly(2025, 4, 1),
        Status = RecordStatus.Expired,
    };

    private static void AssertRow(P.RecordRow row)
    {
        var expected = Row(2);
        Assert.Equal((2L, "court-1", "2-2"), (row.Line, row.SourceId, row.CaseNumber));
        Assert.Equal(P.RecordCategory.ProtectiveOrder, row.Category);
        Assert.Equal(("73-1", "KZ-ALA", "Almaty district court"), (row.Article, row.Region, row.Court));
        Assert.Equal((2025, 3, 1), (row.DecisionDate.Year, row.DecisionDate.Month, row.DecisionDate.Day));
        Assert.Equal((2025, 3, 2), (row.EffectiveFrom.Year, row.EffectiveFrom.Month, row.EffectiveFrom.Day));
        Assert.Equal((2025, 4, 1), (row.ExpiresAt.Year, row.ExpiresAt.Month, row.ExpiresAt.Day));
        Assert.Equal(P.RecordStatus.Expired, row.Status);
        Assert.Equal([P.IdentityKind.KzIin, P.IdentityKind.NameDob], row.Identities.Select(i => i.Kind));
        Assert.Equal(expected.Identities[0].H1.ToArray(), row.Identities[0].H1.ToByteArray());
        Assert.Equal(expected.Identities[1].H1.ToArray(), row.Identities[1].H1.ToByteArray());
    }

    private static async IAsyncEnumerable<IReadOnlyList<RecordRow>> Batches(params RecordRow[][] batches)
    {
        foreach (var batch in batches)
        {
            await Task.Yield();
            yield return batch;
        }
    }

    private static async IAsyncEnumerable<IReadOnlyList<RecordRow>> FailingBatches([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        yield return [Row(2)];
        cancellationToken.ThrowIfCancellationRequested();
        throw new InvalidDataException("bad file");
    }
}
