using Registry.Cli.Commands.Audit;
using Registry.Cli.Tests.Infrastructure;
using Registry.Client;
using Registry.Client.Transparency;

namespace Registry.Cli.Tests.EndToEnd;

/// <summary>
/// <c>audit verify --offline --database</c> on copies of a real service's database: the service wrote and sequenced
/// the log; each test tampers its own copy with SQL, as a database administrator could, and verifies it without the service.
/// </summary>
public sealed class CliAuditOfflineDatabaseTests : IClassFixture<ServiceFixture>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("registry-cli-offline-").FullName;
    private readonly CliHarness _cli;
    private readonly AuditLogDriver _log;

    public CliAuditOfflineDatabaseTests(ServiceFixture fixture)
    {
        _cli = fixture.CreateCli();
        _log = new AuditLogDriver(fixture, _cli);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task VerifyOfflineDatabase_UntouchedCopy_ExitsOk()
    {
        var copy = await ArrangeCopyAsync();
        var sequenced = await AuditLogDriver.ScalarAsync(copy, "SELECT COUNT(*) FROM audit_entries WHERE Sequence IS NOT NULL");

        var run = await VerifyAsync(copy);

        var json = run.Json();
        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Equal("offline", json.GetProperty("mode").GetString());
        Assert.Equal(sequenced, json.GetProperty("entriesVerified").GetInt64());
        Assert.True(json.GetProperty("checkpointsVerified").GetInt64() >= 2, run.ToString());
    }

    [Theory]
    [InlineData("UPDATE audit_entries SET Outcome = 'no_record' WHERE Sequence = 3", 3, "MODIFIED")]
    [InlineData("UPDATE audit_entries SET RecordedAt = substr(RecordedAt, 1, 18) || CASE substr(RecordedAt, 19, 1) WHEN '9' THEN '8' ELSE '9' END || substr(RecordedAt, 20) WHERE Sequence = 1", 1, "MODIFIED")]
    [InlineData("UPDATE audit_entries SET RecordedAt = 'yesterday' WHERE Sequence = 2", 2, "MODIFIED")]
    [InlineData("DELETE FROM audit_entries WHERE Sequence = 4", 4, "MISSING")]
    [InlineData("UPDATE audit_entries SET Sequence = -1 WHERE Sequence = 2; UPDATE audit_entries SET Sequence = 2 WHERE Sequence = 5; UPDATE audit_entries SET Sequence = 5 WHERE Sequence = -1", 2, "REORDERED")]
    public async Task VerifyOfflineDatabase_RowTampered_ExitsVerificationFailedAtTheFirstBadSequence(string tamper, long firstBad, string problem)
    {
        var copy = await ArrangeCopyAsync();
        await AuditLogDriver.ExecuteAsync(copy, tamper);

        var run = await VerifyAsync(copy);

        var json = run.Json();
        Assert.True(run.ExitCode == ExitCodes.VerificationFailed, run.ToString());
        Assert.Equal(firstBad, json.GetProperty("firstBadSequence").GetInt64());
        Assert.Equal(problem, json.GetProperty("problem").GetString());
    }

    [Fact]
    public async Task VerifyOfflineDatabase_CheckpointNoteRewritten_ExitsWithBadSignature()
    {
        var copy = await ArrangeCopyAsync();
        var size = await AuditLogDriver.ScalarAsync(copy, "SELECT MAX(TreeSize) FROM audit_checkpoints");
        await AuditLogDriver.ExecuteAsync(copy, $"UPDATE audit_checkpoints SET SignedNote = replace(SignedNote, '\n{size}\n', '\n{size - 1}\n') WHERE TreeSize = {size}");

        var run = await VerifyAsync(copy);

        Assert.True(run.ExitCode == ExitCodes.VerificationFailed, run.ToString());
        Assert.Equal("BAD_SIGNATURE", run.Json().GetProperty("problem").GetString());
    }

    [Fact]
    public async Task VerifyOfflineDatabase_LeafHashRewrittenConsistently_NamesTheCheckpointInterval()
    {
        var copy = await ArrangeCopyAsync();
        var row = await ReadRowAsync(copy, 3);
        var hash = AuditEntryEncoding.LeafHash(3, row.Entry with { Outcome = "failed" });
        await AuditLogDriver.ExecuteAsync(copy, $"UPDATE audit_entries SET Outcome = 'failed', LeafHash = X'{Convert.ToHexString(hash)}' WHERE Sequence = 3");

        var run = await VerifyAsync(copy);

        var json = run.Json();
        Assert.True(run.ExitCode == ExitCodes.VerificationFailed, run.ToString());
        Assert.Equal("ROOT_MISMATCH", json.GetProperty("problem").GetString());
        Assert.True(json.GetProperty("badCheckpointFromSize").GetInt64() <= 3, run.ToString());
        Assert.True(json.GetProperty("badCheckpointToSize").GetInt64() > 3, run.ToString());
    }

    [Fact]
    public async Task VerifyOfflineDatabase_RangeAfterTheTamperedRow_ExitsOk()
    {
        var copy = await ArrangeCopyAsync();
        await AuditLogDriver.ExecuteAsync(copy, "UPDATE audit_entries SET Outcome = 'no_record' WHERE Sequence = 1");

        var run = await VerifyAsync(copy, "--from-seq", "2", "--to-seq", "5");

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Equal(4, run.Json().GetProperty("entriesVerified").GetInt64());
    }

    [Fact]
    public async Task VerifyOfflineDatabase_OtherPublicKey_ExitsWithBadSignature()
    {
        var copy = await ArrangeCopyAsync();
        using var other = NoteSigner.Generate("registry.example/log");

        var run = await _cli.RunAsync("audit", "verify", "--offline", "--database", copy, "--public-key", other.Verifier.VerifierKey, "--json");

        Assert.True(run.ExitCode == ExitCodes.VerificationFailed, run.ToString());
        Assert.Equal("BAD_SIGNATURE", run.Json().GetProperty("problem").GetString());
    }

    [Fact]
    public async Task VerifyOfflineDatabase_NotADatabase_ExitsWithUsageAndLeavesTheFileAlone()
    {
        var path = Path.Combine(_directory, "not-a.db");
        await File.WriteAllTextAsync(path, "not a database, just text that is long enough to be read as a header", TestContext.Current.CancellationToken);

        var run = await VerifyAsync(path);

        Assert.True(run.ExitCode == ExitCodes.Usage, run.ToString());
        Assert.StartsWith("not a database", await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    private async Task<string> ArrangeCopyAsync()
    {
        await _log.EnsureSequencedAsync(8);
        return _log.CopyDatabase(_directory);
    }

    private Task<CliRun> VerifyAsync(string database, params string[] extra) =>
        _cli.RunAsync(["audit", "verify", "--offline", "--database", database, "--public-key", _log.VerifierKey, "--json", .. extra]);

    private static async Task<AuditLogRow> ReadRowAsync(string database, long sequence)
    {
        await foreach (var row in new AuditDatabaseFile(database).ReadRowsAsync(TestContext.Current.CancellationToken))
        {
            if (row.Sequence == sequence)
            {
                return row;
            }
        }

        throw new InvalidOperationException($"No row {sequence}.");
    }
}
