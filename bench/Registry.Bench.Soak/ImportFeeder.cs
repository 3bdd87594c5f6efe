using System.Diagnostics;
using System.Runtime.CompilerServices;
using Registry.Bench.Seed;
using Registry.Client;
using Registry.Client.Admin;
using Registry.Client.Identity;
using ClientCategory = Registry.Client.Checks.RecordCategory;
using ClientStatus = Registry.Client.Admin.RecordStatus;

namespace Registry.Bench.Soak;

/// <summary>
/// The background import: one import job after another through the admin's <c>ImportRecordsAsync</c> stream, each of
/// new generated rows (the seeder's <see cref="RecordGenerator"/> and <see cref="PersonGenerator"/>), sent at a modest
/// paced rate in batches. Every row must be inserted: a rejected row, an update or a failed stream is an error.
/// </summary>
/// <remarks>
/// The rows must not change what a seeded consent's check answers, so they get their own source id and case numbers
/// (never a seeded record's key), and a generated person whose IIN is a seeded consent's subject is skipped.
/// </remarks>
public sealed class ImportFeeder(Uri address, SeedManifest manifest, CallLedger ledger, SoakArguments arguments, TimeProvider clock) : IDisposable
{
    private const string SourceId = "SOAK-IMPORT";

    private readonly RegistryClient _admin = new(address, new RegistryApiKeyCredential(manifest.Admin.ApiKey), new RegistryClientOptions
    {
        MaxRetries = 0,
        Timeout = TimeSpan.FromHours(1),
        AttemptTimeout = TimeSpan.FromHours(1),
        TimeProvider = clock,
    });

    private readonly HashSet<string> _consentSubjects = manifest.Consents.Select(c => c.H1).ToHashSet(StringComparer.Ordinal);
    private readonly string _runTag = clock.GetUtcNow().ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);

    public long Jobs { get; private set; }

    public void Dispose() => _admin.Dispose();

    public long RowsSent { get; private set; }

    public long RowsInserted { get; private set; }

    public long PeopleSkipped { get; private set; }

    /// <summary>Imports until <paramref name="cancellationToken"/> is cancelled; the job in progress ends with its current batch.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (arguments.ImportRowsPerSecond <= 0)
        {
            return;
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var random = new Random(arguments.Seed + 1);
        var people = new PersonGenerator(random, today, uniqueIins: false);
        var records = new RecordGenerator(random, today, default);
        while (!cancellationToken.IsCancellationRequested)
        {
            var job = ++Jobs;
            var batchStarted = clock.GetTimestamp();
            try
            {
                await foreach (var result in _admin.ImportRecordsAsync($"soak job {job}", BatchesAsync(job, people, records, cancellationToken), cancellationToken: CancellationToken.None))
                {
                    var ended = clock.GetTimestamp();
                    RowsInserted += result.Inserted;
                    if (result.Rejected > 0 || result.Updated > 0 || result.Unchanged > 0)
                    {
                        var first = result.Rejections.Count > 0 ? result.Rejections[0] : null;
                        ledger.Error(SoakOperation.ImportBatch, first is null ? "rows updated or unchanged" : $"row rejected: {first.Field}",
                            $"batch {result.BatchNumber}: {result.Inserted} inserted, {result.Updated} updated, {result.Unchanged} unchanged, {result.Rejected} rejected; {first?.Reason}",
                            batchStarted, ended);
                    }
                    else
                    {
                        ledger.Expected(SoakOperation.ImportBatch, "OK", batchStarted, ended);
                    }

                    batchStarted = ended;
                }
            }
            catch (Exception ex) when (ex is RegistryRequestException or Grpc.Core.RpcException or HttpRequestException or IOException)
            {
                ledger.Error(SoakOperation.ImportBatch, SoakErrors.Kind(ex), SoakErrors.Message(ex), batchStarted, clock.GetTimestamp());
            }
        }
    }

    private async IAsyncEnumerable<IReadOnlyList<RecordRow>> BatchesAsync(
        long job, PersonGenerator people, RecordGenerator records, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var batchEvery = TimeSpan.FromSeconds(arguments.ImportBatchRows / arguments.ImportRowsPerSecond);
        var start = Stopwatch.GetTimestamp();
        var line = 0;
        for (var sent = 0; sent < arguments.ImportJobRows && !cancellationToken.IsCancellationRequested;)
        {
            var batch = new List<RecordRow>(arguments.ImportBatchRows);
            while (batch.Count < arguments.ImportBatchRows && sent + batch.Count < arguments.ImportJobRows)
            {
                var person = people.Next();
                if (_consentSubjects.Contains(Convert.ToBase64String(person.Iin.H1.Span)))
                {
                    PeopleSkipped++;
                    continue;
                }

                batch.Add(ToRow(++line, job, records.Next(0), person));
            }

            // Paced: batch k leaves at k × batch size / rate, so the import runs for the whole job rather than in a burst.
            var due = Stopwatch.GetElapsedTime(start) - (batchEvery * (sent / arguments.ImportBatchRows));
            if (due < TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(-due, clock, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    yield break;
                }
            }

            sent += batch.Count;
            RowsSent += batch.Count;
            yield return batch;
        }
    }

    private RecordRow ToRow(int line, long job, Registry.Service.Records.CourtRecord record, Person person)
    {
        // About 5 % of rows carry the name and birth date as a second identity, as the seeder's records do.
        IReadOnlyList<SubjectIdentity> identities = line % 20 == 0 ? [person.Iin, person.NameDob] : [person.Iin];
        return new RecordRow
        {
            Line = line,
            SourceId = SourceId,
            CaseNumber = $"{_runTag}-{job}-{line}",
            Identities = identities,
            Category = (ClientCategory)(int)record.Category,
            Article = record.Article ?? string.Empty,
            Region = record.Region ?? string.Empty,
            Court = record.Court ?? string.Empty,
            DecisionDate = record.DecisionDate,
            EffectiveFrom = record.EffectiveFrom,
            ExpiresAt = record.ExpiresAt,
            Status = (ClientStatus)(int)record.Status,
        };
    }
}
