using System.Globalization;
using Registry.Cli.Commands.Audit;
using Registry.Cli.Tests.Infrastructure;
using Registry.Client.Transparency;

namespace Registry.Cli.Tests.Commands.Audit;

/// <summary>Offline verification of an export built here with the transparency library, then tampered with.</summary>
public sealed class AuditVerifyCommandTests : IDisposable
{
    private const int Size = 6;
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"audit-{Guid.NewGuid():N}.csv");
    private readonly NoteSigner _signer = NoteSigner.Generate("registry.test");
    private readonly CliHarness _cli = new();

    public void Dispose()
    {
        _signer.Dispose();
        File.Delete(_path);
        File.Delete(AuditCheckpointsFile.PathFor(_path));
    }

    [Fact]
    public async Task VerifyOffline_UntouchedExport_ExitsOk()
    {
        await WriteExportAsync(rows => rows);

        var run = await _cli.RunAsync("audit", "verify", "--offline", "--export", _path, "--public-key", _signer.Verifier.VerifierKey, "--json");

        var json = run.Json();
        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.True(json.GetProperty("ok").GetBoolean());
        Assert.Equal("offline", json.GetProperty("mode").GetString());
        Assert.Equal(Size, json.GetProperty("entriesVerified").GetInt64());
    }

    [Fact]
    public async Task VerifyOffline_ModifiedRow_ExitsVerificationFailedAtThatSequence()
    {
        await WriteExportAsync(rows => rows.Select(r => r.Sequence == 3 ? r with { Outcome = "no_record" } : r).ToList());

        var run = await _cli.RunAsync("audit", "verify", "--offline", "--export", _path, "--public-key", _signer.Verifier.VerifierKey, "--json");

        var json = run.Json();
        Assert.Equal(ExitCodes.VerificationFailed, run.ExitCode);
        Assert.Equal(3, json.GetProperty("firstBadSequence").GetInt64());
        Assert.Equal("MODIFIED", json.GetProperty("problem").GetString());
    }

    [Fact]
    public async Task VerifyOffline_DeletedRow_ExitsVerificationFailed()
    {
        await WriteExportAsync(rows => rows.Where(r => r.Sequence != 2).ToList());

        var run = await _cli.RunAsync("audit", "verify", "--offline", "--export", _path, "--public-key", _signer.Verifier.VerifierKey);

        Assert.Equal(ExitCodes.VerificationFailed, run.ExitCode);
        Assert.Contains("FAILED at sequence 2", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyOffline_OtherPublicKey_ExitsVerificationFailedWithBadSignature()
    {
        await WriteExportAsync(rows => rows);
        using var other = NoteSigner.Generate("registry.test");

        var run = await _cli.RunAsync("audit", "verify", "--offline", "--export", _path, "--public-key", other.Verifier.VerifierKey, "--json");

        Assert.Equal(ExitCodes.VerificationFailed, run.ExitCode);
        Assert.Equal("BAD_SIGNATURE", run.Json().GetProperty("problem").GetString());
    }

    [Theory]
    [InlineData("audit|verify|--offline")]
    [InlineData("audit|verify|--public-key|x+1+AA==")]
    public async Task Verify_OfflineOptionsIncomplete_ExitsWithUsage(string commandLine)
    {
        var run = await _cli.RunAsync(commandLine.Split('|'));

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
    }

    private async Task WriteExportAsync(Func<List<AuditCsvRow>, List<AuditCsvRow>> tamper)
    {
        var start = new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
        var leaves = new List<byte[]>();
        var rows = new List<AuditCsvRow>();
        for (var sequence = 0; sequence < Size; sequence++)
        {
            var entry = new AuditEntryData
            {
                EntryId = $"e{sequence}",
                RecordedAt = start.AddTicks(sequence * 12_345_670L),
                PartnerId = "p1",
                KeyId = "k1",
                Role = "ROLE_PARTNER",
                Action = "check",
                SubjectKey = Enumerable.Range(0, 32).Select(i => (byte)(i + sequence)).ToArray(),
                SubjectKeyId = "hk1",
                ConsentId = "c1",
                Purpose = "DATING_SAFETY",
                Outcome = "record_found",
                RequestId = sequence == 1 ? "=cmd|' /C calc'!A0" : $"-r{sequence}",
                Detail = "a, \"quoted\"\nline",
            };
            var leaf = AuditEntryEncoding.LeafHash(sequence, entry);
            leaves.Add(leaf);
            rows.Add(new AuditCsvRow
            {
                Sequence = sequence,
                EntryId = entry.EntryId,
                RecordedAt = entry.RecordedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
                PartnerId = entry.PartnerId,
                KeyId = entry.KeyId,
                Role = entry.Role,
                Action = entry.Action,
                SubjectKey = Convert.ToHexStringLower(entry.SubjectKey.Span),
                SubjectKeyId = entry.SubjectKeyId,
                ConsentId = entry.ConsentId,
                Purpose = entry.Purpose,
                Outcome = entry.Outcome,
                RequestId = entry.RequestId,
                Detail = entry.Detail,
                LeafHash = Convert.ToHexStringLower(leaf),
            });
        }

        var checkpoints = new[] { 3, Size }
            .Select(size => new Checkpoint("registry.test", size, MerkleTree.RootHash(leaves.Take(size).ToList())).Sign(_signer))
            .ToList();
        await AuditCsvFile.WriteAsync(_path, ToAsync(tamper(rows)), TestContext.Current.CancellationToken);
        await AuditCheckpointsFile.WriteAsync(_path, checkpoints, TestContext.Current.CancellationToken);
    }

    private static async IAsyncEnumerable<AuditCsvRow> ToAsync(IEnumerable<AuditCsvRow> rows)
    {
        foreach (var row in rows)
        {
            await Task.Yield();
            yield return row;
        }
    }
}
