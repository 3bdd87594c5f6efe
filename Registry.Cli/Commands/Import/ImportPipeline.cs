using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Registry.Client.Admin;

namespace Registry.Cli.Commands.Import;

/// <summary>Sends batches of rows to the service and yields its answer to each, in order (the SDK's <c>ImportRecordsAsync</c>).</summary>
internal delegate IAsyncEnumerable<ImportBatchResult> ImportSender(IAsyncEnumerable<IReadOnlyList<RecordRow>> batches, CancellationToken cancellationToken);

/// <summary>
/// One import, from file to answers: reads and checks each row, rejects a row whose key an earlier row of the file had
/// (<see cref="ImportKeySet"/>), streams the good ones in batches, and writes every rejected row (this machine's and the
/// service's) to the rejects file. The file is read record by record, and at most <see cref="MaxBatchesInFlight"/> batches
/// are unanswered at a time, so the raw fields kept to write the service's rejections are bounded; what grows with the file
/// is only the key set, about 45 bytes a row.
/// </summary>
internal sealed class ImportPipeline(
    ImportFile file, RecordRowParser parser, RejectsFile rejects, ImportProgress progress, ImportDisplay display, int batchSize) : IDisposable
{
    /// <summary>
    /// The most batches sent and not yet answered: more than the service queues per stream (16), so that it always has the
    /// next batch at hand while it commits the ones before.
    /// </summary>
    public const int MaxBatchesInFlight = 24;

    /// <summary>How many rejections are also printed on stderr; the rest are only in the rejects file.</summary>
    public const int RejectionsShown = 10;

    private readonly ConcurrentDictionary<long, Dictionary<long, IReadOnlyList<string>>> _inFlight = new();
    private readonly SemaphoreSlim _window = new(MaxBatchesInFlight, MaxBatchesInFlight);
    private readonly ImportKeySet _keys = new();
    private long _total;
    private long _rejectedHere;
    private long _shown;

    /// <summary>Runs the import; returns the totals.</summary>
    public async Task<ImportTotals> RunAsync(ImportSender send, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(send);
        var totals = new ImportTotals();
        await foreach (var result in send(BatchesAsync(cancellationToken), cancellationToken).WithCancellation(cancellationToken))
        {
            _inFlight.TryRemove(result.BatchNumber, out var sent);
            _window.Release();
            totals.Add(result);
            foreach (var rejection in result.Rejections)
            {
                IReadOnlyList<string> fields = sent?.GetValueOrDefault(rejection.Line) ?? [];
                await RejectAsync(fields, new ImportRejection(rejection.Line, rejection.Field, rejection.Reason), cancellationToken);
            }

            display.Update(progress);
        }

        totals.Total = Interlocked.Read(ref _total);
        totals.Rejected += Interlocked.Read(ref _rejectedHere);
        return totals;
    }

    public void Dispose() => _window.Dispose();

    private async IAsyncEnumerable<IReadOnlyList<RecordRow>> BatchesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long batchNumber = 0;
        var rows = new List<RecordRow>(batchSize);
        var fieldsByLine = new Dictionary<long, IReadOnlyList<string>>(batchSize);
        await foreach (var record in file.ReadAsync(cancellationToken))
        {
            Interlocked.Increment(ref _total);
            progress.RowRead(file.Position);
            var row = parser.Parse(record, out var rejection);
            if (row is not null && !_keys.TryAdd(row.SourceId, row.CaseNumber, record.Line, out var firstLine))
            {
                row = null;
                rejection = new ImportRejection(record.Line, "case_number", RecordRowRules.DuplicateKey(firstLine));
            }

            if (row is null)
            {
                Interlocked.Increment(ref _rejectedHere);
                await RejectAsync(record.Fields, rejection!, cancellationToken);
            }
            else
            {
                rows.Add(row);
                fieldsByLine[record.Line] = record.Fields;
            }

            if ((record.Line & 0xFF) == 0)
            {
                // Often enough for a display that refreshes a few times a second, cheap enough for a million rows.
                display.Update(progress);
            }

            if (rows.Count == batchSize)
            {
                await _window.WaitAsync(cancellationToken);
                _inFlight[++batchNumber] = fieldsByLine;
                yield return rows;
                rows = new List<RecordRow>(batchSize);
                fieldsByLine = new Dictionary<long, IReadOnlyList<string>>(batchSize);
            }
        }

        if (rows.Count > 0)
        {
            await _window.WaitAsync(cancellationToken);
            _inFlight[++batchNumber] = fieldsByLine;
            yield return rows;
        }
    }

    private async Task RejectAsync(IReadOnlyList<string> fields, ImportRejection rejection, CancellationToken cancellationToken)
    {
        progress.RowsRejected(1);
        await rejects.WriteAsync(fields, rejection, cancellationToken);
        var shown = Interlocked.Increment(ref _shown);
        if (shown <= RejectionsShown)
        {
            display.Line($"line {rejection.Line}: {rejection.Text}");
        }
        else if (shown == RejectionsShown + 1)
        {
            display.Line($"(more rejections: see {rejects.Path})");
        }
    }
}

/// <summary>The counts of one import, summed over its batches.</summary>
internal sealed class ImportTotals
{
    public long Total { get; set; }

    public long Inserted { get; private set; }

    public long Updated { get; private set; }

    public long Unchanged { get; private set; }

    public long Rejected { get; set; }

    public long Batches { get; private set; }

    public string? ImportId { get; private set; }

    public void Add(ImportBatchResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        Inserted += result.Inserted;
        Updated += result.Updated;
        Unchanged += result.Unchanged;
        Rejected += result.Rejected;
        Batches++;
        if (!string.IsNullOrEmpty(result.ImportId))
        {
            ImportId = result.ImportId;
        }
    }
}
