using System.Globalization;
using System.Threading.Channels;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Registry.Client.Admin;
using Registry.Service.Audit;
using Registry.Service.Identity;
using Registry.Service.Infrastructure;
using Registry.Service.Records;
using V1 = Registry.Protos.V1;

namespace Registry.Service.Import;

/// <summary>
/// Runs one <c>ImportRecords</c> stream: opens an import job (audited), then for each batch validates every row again,
/// applies the batch atomically with its audit entry and its job's counts, and answers it; closes the job when the client
/// is done. Batches are handled one at a time, so memory stays flat whatever the file's size (HTTP/2 flow control holds
/// the client back meanwhile). A dry run validates and classifies against the registry and writes nothing at all.
/// </summary>
public sealed partial class RecordImportHandler(
    IDbContextFactory<RegistryDbContext> contextFactory,
    ReadSessionPool sessions,
    IAuditLog auditLog,
    SubjectKeyRing keyRing,
    TimeProvider timeProvider,
    ILogger<RecordImportHandler> logger,
    ImportMetrics metrics,
    IOptions<ImportOptions> options,
    RecordFactsCache facts)
{
    /// <summary>
    /// How many batches of one stream may be queued on the audit writer at once: while one commits, the next ones are
    /// read and validated, and the writer commits the queued ones together (fewer syncs, and each index page written once
    /// for several batches). Answers still go out in order; memory stays bounded by this many batches. Measured on a
    /// 1,000,000-row import (docs/benchmarks.md, issue 9): 16 is faster than 8 and keeps the service well under 400 MB;
    /// 32 was faster still but not within it.
    /// </summary>
    public const int MaxBatchesInFlight = 16;

    private readonly ImportRowValidator _validator = new(keyRing, timeProvider);
    private ImportSchema? _schema;

    public async Task RunAsync(
        Caller caller,
        IAsyncStreamReader<V1.ImportRecordsRequest> requests,
        IServerStreamWriter<V1.ImportRecordsResponse> responses,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentNullException.ThrowIfNull(responses);
        var idleTimeout = options.Value.IdleTimeout;
        // Only the waits for the client's next message count as idle, not the waits for our own commits (queue full).
        using var idle = new CancellationTokenSource(Timeout.InfiniteTimeSpan, timeProvider);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var reading = CancellationTokenSource.CreateLinkedTokenSource(stop.Token, idle.Token);
        if (!await NextAsync(requests, idle, idleTimeout, reading.Token, cancellationToken)
            || requests.Current.ItemCase != V1.ImportRecordsRequest.ItemOneofCase.Start)
        {
            throw RegistryErrors.Validation(new FieldViolation("start", "the first message of the stream must be an ImportStart"));
        }

        var start = requests.Current.Start;
        var sourceName = ValidateSourceName(start.SourceName);
        var schema = await SchemaAsync(cancellationToken);
        var job = start.DryRun ? null : await OpenJobAsync(caller, sourceName, cancellationToken);
        var totals = new ImportTotals();
        var queue = Channel.CreateBounded<Task<V1.ImportRecordsResponse>>(
            new BoundedChannelOptions(MaxBatchesInFlight) { SingleReader = true, SingleWriter = true });
        var answering = AnswerAsync(queue.Reader, totals, responses, stop);
        Task<V1.ImportRecordsResponse>? unqueued = null;
        var finished = false;
        try
        {
            long previous = 0;
            while (await NextAsync(requests, idle, idleTimeout, reading.Token, stop.Token))
            {
                var batch = ValidateBatch(requests.Current, previous);
                previous = batch.BatchNumber;
                var (rows, rejected) = ValidateRows(batch);
                unqueued = job is null
                    ? DryRunAsync(schema, batch.BatchNumber, rows, rejected, stop.Token)
                    : ApplyAsync(caller, schema, job, batch.BatchNumber, rows, rejected);
                await queue.Writer.WriteAsync(unqueued, stop.Token);
                unqueued = null;
            }

            queue.Writer.Complete();
            await answering;
            finished = true;
        }
        catch (OperationCanceledException) when (answering.IsFaulted)
        {
            await answering; // the answer that failed (e.g. AUDIT_UNAVAILABLE) is the stream's status
        }
        finally
        {
            // Batches queued on the audit writer are written whatever happens (see GroupCommitAuditLog): wait for every
            // one, so that the job's closing entry follows them and counts them.
            queue.Writer.TryComplete();
            await Observe(answering);
            while (queue.Reader.TryRead(out var pending))
            {
                await Observe(pending, totals);
            }

            if (unqueued is not null)
            {
                await Observe(unqueued, totals);
            }

            if (job is not null)
            {
                await CloseJobAsync(caller, job, totals, finished);
            }
        }
    }

    /// <summary>
    /// The client's next message, or false at the end of the stream; <see cref="ImportErrors.Idle"/> when none arrives
    /// within <paramref name="idleTimeout"/> (a client that holds a stream open without sending would keep its job
    /// running, and a job left running by a killed service could not be told from it).
    /// </summary>
    private static async Task<bool> NextAsync(
        IAsyncStreamReader<V1.ImportRecordsRequest> requests, CancellationTokenSource idle, TimeSpan idleTimeout,
        CancellationToken reading, CancellationToken stopped)
    {
        idle.CancelAfter(idleTimeout);
        try
        {
            return await requests.MoveNext(reading);
        }
        catch (OperationCanceledException) when (idle.IsCancellationRequested && !stopped.IsCancellationRequested)
        {
            throw ImportErrors.Idle(idleTimeout);
        }
        finally
        {
            idle.CancelAfter(Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>
    /// Answers the queued batches in order, each as soon as it is applied (a client that waits for each answer before it
    /// sends the next batch is answered too). On a failure it stops the reading side and ends with that failure.
    /// </summary>
    private static async Task AnswerAsync(
        ChannelReader<Task<V1.ImportRecordsResponse>> queue, ImportTotals totals, IServerStreamWriter<V1.ImportRecordsResponse> responses,
        CancellationTokenSource stop)
    {
        try
        {
            while (await queue.WaitToReadAsync(CancellationToken.None))
            {
                while (queue.TryRead(out var pending))
                {
                    var response = await pending;
                    totals.Add(response);
                    await responses.WriteAsync(response, stop.Token);
                }
            }
        }
        catch
        {
            await stop.CancelAsync();
            throw;
        }
    }

    private static async Task Observe(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception ex) when (ex is RegistryException or OperationCanceledException or RpcException or InvalidOperationException)
        {
            // Reported as the stream's status by the code that awaited it first.
        }
    }

    private static async Task Observe(Task<V1.ImportRecordsResponse> pending, ImportTotals totals)
    {
        try
        {
            totals.Add(await pending);
        }
        catch (Exception ex) when (ex is RegistryException or OperationCanceledException)
        {
            // That batch failed, or its wait was cancelled; the stream's own failure is what the client gets.
        }
    }

    private static string ValidateSourceName(string sourceName)
    {
        var name = sourceName.Trim();
        if (name.Length is 0 or > ImportLimits.SourceNameMaxLength || name.Any(char.IsControl))
        {
            throw RegistryErrors.Validation(new FieldViolation("start.source_name", string.Create(CultureInfo.InvariantCulture,
                $"is required: 1..{ImportLimits.SourceNameMaxLength} characters without control characters (e.g. the file name)")));
        }

        return name;
    }

    private static V1.RecordBatch ValidateBatch(V1.ImportRecordsRequest request, long previous)
    {
        if (request.ItemCase != V1.ImportRecordsRequest.ItemOneofCase.Batch)
        {
            throw RegistryErrors.Validation(new FieldViolation("batch", "every message after the ImportStart must be a RecordBatch"));
        }

        var batch = request.Batch;
        if (batch.BatchNumber <= previous)
        {
            throw RegistryErrors.Validation(new FieldViolation("batch.batch_number", string.Create(CultureInfo.InvariantCulture,
                $"must increase from batch to batch: {batch.BatchNumber} follows {previous}")));
        }

        if (batch.Rows.Count is 0 or > RecordRowRules.MaxRowsPerBatch)
        {
            throw RegistryErrors.Validation(new FieldViolation("batch.rows", string.Create(CultureInfo.InvariantCulture,
                $"a batch holds 1..{RecordRowRules.MaxRowsPerBatch} rows, not {batch.Rows.Count}")));
        }

        return batch;
    }

    private (List<ImportRow> Rows, List<ImportRejection> Rejected) ValidateRows(V1.RecordBatch batch)
    {
        var rows = new List<ImportRow>(batch.Rows.Count);
        var rejected = new List<ImportRejection>();
        var keys = new Dictionary<(string, string), long>(batch.Rows.Count);
        foreach (var proto in batch.Rows)
        {
            var row = _validator.Validate(proto, out var rejection);
            if (row is null)
            {
                rejected.Add(rejection!);
            }
            else if (!keys.TryAdd((row.SourceId, row.CaseNumber), row.Line))
            {
                rejected.Add(new ImportRejection(row.Line, "case_number", RecordRowRules.DuplicateKey(keys[(row.SourceId, row.CaseNumber)])));
            }
            else
            {
                rows.Add(row);
            }
        }

        return (rows, rejected);
    }

    /// <summary>
    /// Queues the batch on the audit writer and waits for its commit. Not cancellable: once queued a batch is written
    /// whatever happens to the stream, and waiting for it keeps the job's closing totals exact.
    /// </summary>
    private async Task<V1.ImportRecordsResponse> ApplyAsync(
        Caller caller, ImportSchema schema, ImportJob job, long batchNumber, List<ImportRow> rows, List<ImportRejection> rejected)
    {
        var change = new ImportBatchChange(schema, job.Id, batchNumber, rows, rejected, timeProvider.GetUtcNow().UtcDateTime);
        var record = new AuditRecord
        {
            Action = AuditActions.RecordImport,
            Actor = caller,
            Outcome = AuditOutcomes.Ok,
            Detail = string.Create(CultureInfo.InvariantCulture, $"import={job.Id};batch={batchNumber}"),
        };
        using var timing = metrics.StartBatch(rows.Count + rejected.Count);
        AuditReceipt receipt;
        try
        {
            receipt = await auditLog.AppendPreparedAsync(record, change, CancellationToken.None);
        }
        finally
        {
            // Committed, or perhaps committed (a fault after the commit): this replica's checks read the records again.
            if (change.Counts is not { Inserted: 0, Updated: 0 })
            {
                facts.Invalidate();
            }
        }

        timing.Committed(change.Counts!);
        var response = ToResponse(batchNumber, change.Counts!);
        response.AuditEntryId = receipt.EntryId;
        response.ImportId = job.Id;
        return response;
    }

    private async Task<V1.ImportRecordsResponse> DryRunAsync(
        ImportSchema schema, long batchNumber, List<ImportRow> rows, List<ImportRejection> rejected, CancellationToken cancellationToken)
    {
        var session = await sessions.RentAsync(cancellationToken);
        var failed = true;
        try
        {
            var counts = schema.Records(session.Commands).Classify(rows, rejected);
            failed = false;
            return ToResponse(batchNumber, counts);
        }
        finally
        {
            sessions.Return(session, failed);
        }
    }

    private static V1.ImportRecordsResponse ToResponse(long batchNumber, ImportBatchCounts counts)
    {
        var response = new V1.ImportRecordsResponse
        {
            BatchNumber = batchNumber,
            Inserted = counts.Inserted,
            Updated = counts.Updated,
            Unchanged = counts.Unchanged,
            Rejected = counts.Rejections.Count,
        };
        foreach (var rejection in counts.Rejections)
        {
            response.Rejections.Add(new V1.RowRejection { Line = rejection.Line, Field = rejection.Field, Reason = rejection.Reason });
        }

        return response;
    }

    private async Task<ImportSchema> SchemaAsync(CancellationToken cancellationToken)
    {
        if (_schema is { } schema)
        {
            return schema;
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return _schema = ImportSchema.Of(db);
    }

    private async Task<ImportJob> OpenJobAsync(Caller caller, string sourceName, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var job = new ImportJob
        {
            Id = ImportJobIds.New(now),
            SourceName = sourceName,
            PartnerId = caller.PartnerId,
            KeyId = caller.KeyId,
            Status = ImportJobStatus.Running,
            StartedAt = now,
            UpdatedAt = now,
        };
        var record = new AuditRecord
        {
            Action = AuditActions.RecordImport,
            Actor = caller,
            Outcome = AuditOutcomes.Ok,
            Detail = $"import={job.Id};started;source={sourceName}",
        };
        await auditLog.AppendAsync(record, (db, _) =>
        {
            db.Add(job);
            return Task.FromResult<string?>(null);
        }, cancellationToken);
        LogJobStarted(logger, job.Id);
        return job;
    }

    private async Task CloseJobAsync(Caller caller, ImportJob job, ImportTotals totals, bool completed)
    {
        var status = completed ? ImportJobStatus.Completed : ImportJobStatus.Interrupted;
        var record = new AuditRecord
        {
            Action = AuditActions.RecordImport,
            Actor = caller,
            Outcome = AuditOutcomes.Ok,
            Detail = string.Create(CultureInfo.InvariantCulture,
                $"import={job.Id};{status};batches={totals.Batches};inserted={totals.Inserted};updated={totals.Updated};unchanged={totals.Unchanged};rejected={totals.Rejected}"),
        };
        try
        {
            // Not the caller's token: an interrupted job is closed even though its stream was cancelled.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30), timeProvider);
            await auditLog.AppendAsync(record, async (db, ct) =>
            {
                var stored = await db.Set<ImportJob>().SingleAsync(j => j.Id == job.Id, ct);
                stored.Status = status;
                stored.FinishedAt = timeProvider.GetUtcNow().UtcDateTime;
                stored.UpdatedAt = stored.FinishedAt.Value;
                return null;
            }, timeout.Token);
            LogJobClosed(logger, job.Id, status, totals.Batches);
        }
        catch (Exception ex) when (ex is RegistryException or OperationCanceledException)
        {
            // The batches are applied and audited whatever happens here; the job stays "running" with its counts.
            LogJobNotClosed(logger, job.Id, ex.GetType().Name);
            if (completed)
            {
                throw;
            }
        }
    }

    [LoggerMessage(EventId = 1701, Level = LogLevel.Information, Message = "Import {ImportId} started")]
    private static partial void LogJobStarted(ILogger logger, string importId);

    [LoggerMessage(EventId = 1702, Level = LogLevel.Information, Message = "Import {ImportId} {Status} after {Batches} batches")]
    private static partial void LogJobClosed(ILogger logger, string importId, string status, long batches);

    [LoggerMessage(EventId = 1703, Level = LogLevel.Warning, Message = "Import {ImportId} could not be closed ({Exception}); its applied batches stay applied")]
    private static partial void LogJobNotClosed(ILogger logger, string importId, string exception);

    private sealed class ImportTotals
    {
        public long Batches { get; private set; }

        public long Inserted { get; private set; }

        public long Updated { get; private set; }

        public long Unchanged { get; private set; }

        public long Rejected { get; private set; }

        public void Add(V1.ImportRecordsResponse response)
        {
            Batches++;
            Inserted += response.Inserted;
            Updated += response.Updated;
            Unchanged += response.Unchanged;
            Rejected += response.Rejected;
        }
    }
}
