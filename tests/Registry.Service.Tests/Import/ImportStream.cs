using Google.Protobuf;
using Grpc.Core;
using Registry.Protos.V1;

namespace Registry.Service.Tests.Import;

/// <summary>Builds import rows and drives one ImportRecords stream the way a client does: start, batches, complete.</summary>
internal static class ImportStream
{
    public static readonly Google.Type.Date DecisionDate = new() { Year = 2024, Month = 3, Day = 2 };

    public static RecordRow Row(long line, string caseNumber, byte[] h1, RecordStatus status = RecordStatus.Active, string sourceId = "IMPORT-TEST") => new()
    {
        Line = line,
        SourceId = sourceId,
        CaseNumber = caseNumber,
        Identities = { new HashedIdentity { Kind = IdentityKind.KzIin, H1 = ByteString.CopyFrom(h1) } },
        Category = RecordCategory.CriminalConviction,
        Article = "ст. 106 ч.2 УК РК",
        Region = "KZ-71",
        Court = "Межрайонный суд \"по уголовным делам\"\nг. Астаны",
        DecisionDate = DecisionDate,
        EffectiveFrom = DecisionDate,
        Status = status,
    };

    public static RecordBatch Batch(long number, IEnumerable<RecordRow> rows)
    {
        var batch = new RecordBatch { BatchNumber = number };
        batch.Rows.Add(rows);
        return batch;
    }

    /// <summary>Sends <paramref name="batches"/> and returns every response; throws the stream's RpcException.</summary>
    public static async Task<List<ImportRecordsResponse>> RunAsync(
        AdminService.AdminServiceClient admin, IEnumerable<RecordBatch> batches, bool dryRun = false, string sourceName = "court.csv")
    {
        var ct = TestContext.Current.CancellationToken;
        using var call = admin.ImportRecords(cancellationToken: ct);
        await call.RequestStream.WriteAsync(new ImportRecordsRequest { Start = new ImportStart { SourceName = sourceName, DryRun = dryRun } }, ct);
        var responses = new List<ImportRecordsResponse>();
        try
        {
            foreach (var batch in batches)
            {
                await call.RequestStream.WriteAsync(new ImportRecordsRequest { Batch = batch }, ct);
                using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
                deadline.CancelAfter(TimeSpan.FromSeconds(30)); // a service that holds answers back until it gets more batches fails here
                if (!await call.ResponseStream.MoveNext(deadline.Token))
                {
                    break;
                }

                responses.Add(call.ResponseStream.Current);
            }

            await call.RequestStream.CompleteAsync();
        }
        catch (InvalidOperationException)
        {
            // The server ended the call while we were writing; its status is read below.
        }
        catch (RpcException)
        {
            // Idem.
        }

        while (await call.ResponseStream.MoveNext(ct))
        {
            responses.Add(call.ResponseStream.Current);
        }

        return responses;
    }
}
