extern alias service;

using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Registry.Cli.Tests.Commands.Import;
using Registry.Cli.Tests.Infrastructure;
using Registry.Client;
using service::Registry.Service.Infrastructure;
using service::Registry.Service.Records;
using Registry.Service.Infrastructure;
using Registry.Service.Records;

namespace Registry.Cli.Tests.EndToEnd;

/// <summary>
/// <c>registry import</c> on real files against the real service: counts, idempotence, dry run, rejects, exit codes. Each
/// scenario runs on SQLite (<see cref="SqliteCliImportScenarioTests"/>) and PostgreSQL (<see cref="PostgresCliImportScenarioTests"/>).
/// </summary>
public abstract class CliImportScenarioTests : IDisposable
{
    private readonly ServiceFixture _fixture;
    private readonly CliHarness _cli;
    private readonly ImportTestFiles _files = new();
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..8];

    protected CliImportScenarioTests(ServiceFixture fixture)
    {
        _fixture = fixture;
        _cli = fixture.CreateCli();
    }

    public void Dispose()
    {
        _files.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Import_Sample_InsertsTheGoodRowsAndWritesTheBadOnesToTheRejectsFile()
    {
        var path = _files.CopySample(_suffix);

        var run = await ImportAsync(path, "--json");

        Assert.True(run.ExitCode == ExitCodes.PartialSuccess, run.ToString());
        var json = run.Json();
        Assert.Equal((8, 6, 0, 0, 2), Counts(json));
        Assert.StartsWith("imp_", json.GetProperty("importId").GetString(), StringComparison.Ordinal);
        Assert.Equal(6, await CountRecordsAsync());
        var rejects = File.ReadAllLines(ImportCommandPaths.Rejects(path));
        Assert.Equal(ImportTestFiles.Header + ";line;reason", rejects[0]);
        Assert.Equal(3, rejects.Length);
        Assert.StartsWith($"AKT-CRIM-{_suffix};1-12/2025;990230312345;", rejects[1], StringComparison.Ordinal);
        Assert.Contains(";8;iin: IIN_DATE: ", rejects[1], StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", rejects[1], StringComparison.Ordinal);
        Assert.EndsWith(";9;case_number is required", rejects[2], StringComparison.Ordinal);
        Assert.Equal(json.GetProperty("rejectsFile").GetString(), ImportCommandPaths.Rejects(path));
    }

    [Fact]
    public async Task ImportsList_AfterAnImport_ShowsItsJobCompletedWithItsCountsAsTextAndJson()
    {
        var path = _files.CopySample(_suffix);
        var importId = (await ImportAsync(path, "--json")).Json().GetProperty("importId").GetString()!;

        var json = await _cli.RunAsync("imports", "list", "--limit", "1000", "--json", "--api-key", _fixture.AdminKey);
        var text = await _cli.RunAsync("imports", "list", "--limit", "1000", "--api-key", _fixture.AdminKey);

        Assert.True(json.ExitCode == ExitCodes.Ok, json.ToString());
        var job = json.Json().GetProperty("imports").EnumerateArray().Single(j => j.GetProperty("importId").GetString() == importId);
        Assert.Equal(
            // The sample's 2 bad rows are rejected by the CLI before they are sent: the service's job never sees them.
            ("COMPLETED", Path.GetFileName(path), 1L, 6L, 0L, 0L, 0L),
            (job.GetProperty("status").GetString(), job.GetProperty("sourceName").GetString(), job.GetProperty("batches").GetInt64(),
             job.GetProperty("inserted").GetInt64(), job.GetProperty("updated").GetInt64(), job.GetProperty("unchanged").GetInt64(),
             job.GetProperty("rejected").GetInt64()));
        Assert.True(job.TryGetProperty("finishedAt", out _), json.ToString());
        Assert.Equal(ExitCodes.Ok, text.ExitCode);
        var line = text.Stdout.Split('\n').Single(l => l.StartsWith(importId, StringComparison.Ordinal)).Split('\t');
        Assert.Equal(["COMPLETED", "1", "6", "0", "0", "0", Path.GetFileName(path)], line.Where((_, i) => i is 1 or >= 3));
    }

    [Fact]
    public async Task ImportsList_LimitOutOfRange_IsAUsageErrorOnOneStderrLineAndNothingOnStdout()
    {
        var run = await _cli.RunAsync("imports", "list", "--limit", "0", "--json", "--api-key", _fixture.AdminKey);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal(string.Empty, run.Stdout);
        Assert.Contains("--limit must be a number 1..1000", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_TheSameFileAgain_IsAllUnchanged()
    {
        var path = _files.CopySample(_suffix);
        var first = await ImportAsync(path, "--json");
        Assert.Equal((8, 6, 0, 0, 2), Counts(first.Json()));

        var run = await ImportAsync(path, "--json");

        Assert.Equal((8, 0, 0, 6, 2), Counts(run.Json()));
        Assert.Equal(6, await CountRecordsAsync());
    }

    [Fact]
    public async Task Import_AChangedStatus_IsOneUpdate()
    {
        var path = _files.WriteRows("court.csv", Row("c1", "active"), Row("c2", "active"));
        Assert.Equal(ExitCodes.Ok, (await ImportAsync(path)).ExitCode);
        _files.WriteRows("court.csv", Row("c1", "active"), Row("c2", "OVERTURNED"));

        var run = await ImportAsync(path, "--json");

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Equal((2, 0, 1, 1, 0), Counts(run.Json()));
        Assert.Equal(RecordStatus.Overturned, (await LoadAsync("c2")).Status);
    }

    [Fact]
    public async Task Import_DryRun_ReportsAndWritesNothing()
    {
        var path = _files.CopySample(_suffix);

        var run = await ImportAsync(path, "--dry-run", "--json");

        Assert.True(run.ExitCode == ExitCodes.PartialSuccess, run.ToString());
        var json = run.Json();
        Assert.Equal((8, 6, 0, 0, 2), Counts(json));
        Assert.True(json.GetProperty("dryRun").GetBoolean());
        Assert.False(json.TryGetProperty("importId", out _));
        Assert.Equal(0, await CountRecordsAsync());
    }

    [Fact]
    public async Task Import_TheRejectsFileOnceFixed_ImportsCleanly()
    {
        var path = _files.CopySample(_suffix);
        await ImportAsync(path);
        var rejects = ImportCommandPaths.Rejects(path);
        var text = File.ReadAllText(rejects)
            .Replace(";990230312345;", ";;", StringComparison.Ordinal)
            .Replace("1999-02-30", "1999-02-28", StringComparison.Ordinal)
            .Replace($"AKT-CRIM-{_suffix};;", $"AKT-CRIM-{_suffix};1-13/2025;", StringComparison.Ordinal);
        File.WriteAllText(rejects, text);

        var run = await ImportAsync(rejects, "--json");

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Equal((2, 2, 0, 0, 0), Counts(run.Json()));
        Assert.DoesNotContain("warning", run.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(ImportCommandPaths.Rejects(rejects)));
        Assert.Equal(8, await CountRecordsAsync());
    }

    [Fact]
    public async Task Import_Json_PutsTheSummaryOnTheLastLineOfStdout()
    {
        var path = _files.WriteRows("court.csv", Row("c1", "active"));

        var run = await ImportAsync(path, "--json");

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        var last = run.Stdout.TrimEnd().Split('\n')[^1];
        using var document = JsonDocument.Parse(last);
        var keys = document.RootElement.EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Superset(new HashSet<string> { "total", "inserted", "updated", "unchanged", "rejected", "importId" }, keys);
    }

    [Fact]
    public async Task Import_ServiceRejectionInALaterBatch_IsWrittenWithItsOriginalFields()
    {
        // Batches of 2 and 12 rows: more batches than are ever in flight. Line 13 changes a record an administrator has
        // expunged, which only the service can see; its rejection comes back by line, after the batch was sent.
        Assert.True((await ImportAsync(_files.WriteRows("first.csv", Row("gone", "active")))).ExitCode == ExitCodes.Ok);
        var expunge = await _cli.RunAsync("records", "expunge", "--source-id", $"S-{_suffix}", "--case-number", "gone",
            "--reason", "court order", "--yes", "--api-key", _fixture.AdminKey);
        Assert.True(expunge.ExitCode == ExitCodes.Ok, expunge.ToString());
        var rows = Enumerable.Range(1, 11).Select(i => Row($"c{i}", "active")).Append(Row("gone", "expired", court: "Суд; \"второй\"")).ToArray();
        var path = _files.WriteRows("court.csv", rows);

        var run = await ImportAsync(path, "--batch-size", "2", "--json");

        Assert.True(run.ExitCode == ExitCodes.PartialSuccess, run.ToString());
        Assert.Equal((12, 11, 0, 0, 1), Counts(run.Json()));
        Assert.Equal(6, run.Json().GetProperty("batches").GetInt64());
        var rejects = File.ReadAllLines(ImportCommandPaths.Rejects(path));
        Assert.Equal(2, rejects.Length);
        Assert.Equal(
            $"S-{_suffix};gone;{ImportTestFiles.Iin1};;;criminal_conviction;ст. 106 УК РК;KZ-71;\"Суд; \"\"второй\"\"\";2024-03-01;2024-03-01;;expired;13;" +
            "\"status: the record was expunged by an administrator; an import cannot change or restore it\"",
            rejects[1]);
        Assert.Equal(RecordStatus.Expunged, (await LoadAsync("gone")).Status);
    }

    [Fact]
    public async Task Import_AKeySeenInAnEarlierBatch_IsRejectedWithTheFirstLine_AndTheFirstRowStands()
    {
        // Lines 2 and 5 share a key and go in different batches of 2: the service, which sees one batch at a time, could not
        // tell; the CLI remembers every key of the file.
        var path = _files.WriteRows("court.csv", Row("dup", "active"), Row("c1", "active"), Row("c2", "active"), Row("dup", "expired"), Row("c3", "active"));

        var run = await ImportAsync(path, "--batch-size", "2", "--json");

        Assert.True(run.ExitCode == ExitCodes.PartialSuccess, run.ToString());
        Assert.Equal((5, 4, 0, 0, 1), Counts(run.Json()));
        var rejects = File.ReadAllLines(ImportCommandPaths.Rejects(path));
        Assert.Equal(2, rejects.Length);
        Assert.EndsWith(";expired;5;case_number: the same source_id and case_number as line 2: a record appears once per import", rejects[1], StringComparison.Ordinal);
        Assert.Equal(RecordStatus.Active, (await LoadAsync("dup")).Status);
        Assert.Equal(4, await CountRecordsAsync());
    }

    private Task<CliRun> ImportAsync(string path, params string[] options) =>
        _cli.RunAsync(["import", path, "--api-key", _fixture.AdminKey, .. options]);

    private string Row(string caseNumber, string status, string court = "Суд г. Астаны") =>
        $"S-{_suffix};{caseNumber};{ImportTestFiles.Iin1};;;criminal_conviction;ст. 106 УК РК;KZ-71;{Quote(court)};2024-03-01;2024-03-01;;{status}";

    private static string Quote(string value) =>
        value.Contains(';', StringComparison.Ordinal) || value.Contains('"', StringComparison.Ordinal) ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;

    private static (long Total, long Inserted, long Updated, long Unchanged, long Rejected) Counts(JsonElement json) => (
        json.GetProperty("total").GetInt64(),
        json.GetProperty("inserted").GetInt64(),
        json.GetProperty("updated").GetInt64(),
        json.GetProperty("unchanged").GetInt64(),
        json.GetProperty("rejected").GetInt64());

    private async Task<int> CountRecordsAsync()
    {
        using var scope = _fixture.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        return await db.Records.CountAsync(r => r.SourceId.EndsWith("-" + _suffix), TestContext.Current.CancellationToken);
    }

    private async Task<CourtRecord> LoadAsync(string caseNumber)
    {
        using var scope = _fixture.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        return await db.Records.AsNoTracking().SingleAsync(r => r.SourceId == $"S-{_suffix}" && r.CaseNumber == caseNumber, TestContext.Current.CancellationToken);
    }
}
