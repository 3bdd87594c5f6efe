extern alias service;

using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Registry.Cli.Tests.Commands.Import;
using Registry.Cli.Tests.Infrastructure;
using Registry.Client;
using service::Registry.Service.Infrastructure;
using Registry.Service.Infrastructure;

namespace Registry.Cli.Tests.EndToEnd;

/// <summary><c>registry import</c> of hostile files against the real service: what is refused, and that nothing else changes.</summary>
public sealed class CliImportHostileScenarioTests : IClassFixture<ServiceFixture>, IDisposable
{
    private readonly ServiceFixture _fixture;
    private readonly CliHarness _cli;
    private readonly ImportTestFiles _files = new();
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..8];

    public CliImportHostileScenarioTests(ServiceFixture fixture)
    {
        _fixture = fixture;
        _cli = fixture.CreateCli();
    }

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Import_HostileRowsAmongGoodOnes_RejectsEachWithItsLineAndImportsTheRest()
    {
        var rows = new[]
        {
            Row("c1"),
            new string(';', 999_999),
            Row("c3").Replace("Суд г. Астаны", "Суд \u0001", StringComparison.Ordinal),
            Row("c4").Replace("criminal_conviction", "criminal\0conviction", StringComparison.Ordinal),
            Row("c5").Replace("ст. 106", new string('x', 300_000), StringComparison.Ordinal),
            Row("c6"),
        };
        var text = string.Join("\n", [ImportTestFiles.Header, .. rows]) + "\n";
        var path = Path.Combine(_files.Directory, "court.csv");
        // U+0001 stands for the byte 0xFF, which is never UTF-8.
        await File.WriteAllBytesAsync(path, [.. Encoding.UTF8.GetBytes(text).Select(b => b == 0x01 ? (byte)0xFF : b)], TestContext.Current.CancellationToken);

        var run = await _cli.RunAsync("import", path, "--api-key", _fixture.AdminKey, "--json");

        Assert.True(run.ExitCode == ExitCodes.PartialSuccess, run.ToString());
        Assert.Equal((6, 2, 4), (run.Json().GetProperty("total").GetInt64(), run.Json().GetProperty("inserted").GetInt64(), run.Json().GetProperty("rejected").GetInt64()));
        Assert.Equal(["c1", "c6"], await CaseNumbersAsync());
        var rejects = File.ReadAllLines(ImportCommandPaths.Rejects(path)).Skip(1).ToList();
        Assert.True(rejects.Count == 4, string.Join("\n", rejects.Select(r => r.Length > 300 ? r[^300..] : r)));
        Assert.Contains(";3;\"row: the row has 1000000 fields and the header 13", rejects[0], StringComparison.Ordinal);
        Assert.Contains(";4;\"court is not valid UTF-8", rejects[1], StringComparison.Ordinal);
        Assert.Contains(";5;\"category 'criminal\\u0000conviction' is unknown", rejects[2], StringComparison.Ordinal);
        Assert.EndsWith(";6;article is longer than 200 characters (300000)", rejects[3], StringComparison.Ordinal);
        Assert.True(run.Stderr.Length < 4_000, $"stderr holds {run.Stderr.Length} characters");
    }

    [Fact]
    public async Task Import_BinaryGarbage_ExitsWithUsageAndChangesNothing()
    {
        var path = Path.Combine(_files.Directory, "court.csv");
        var bytes = new byte[1 << 20];
        new Random(7).NextBytes(bytes);
        await File.WriteAllBytesAsync(path, bytes, TestContext.Current.CancellationToken);
        var before = await CountAllAsync();

        var run = await _cli.RunAsync("import", path, "--api-key", _fixture.AdminKey, "--json");

        Assert.True(run.ExitCode == ExitCodes.Usage, run.ToString());
        Assert.Equal("USAGE", run.Json().GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(before, await CountAllAsync());
        Assert.False(File.Exists(ImportCommandPaths.Rejects(path)));
    }

    private string Row(string caseNumber) =>
        $"S-{_suffix};{caseNumber};{ImportTestFiles.Iin1};;;criminal_conviction;ст. 106;KZ-71;Суд г. Астаны;2024-03-01;;;active";

    private async Task<List<string>> CaseNumbersAsync()
    {
        using var scope = _fixture.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        return await db.Records.Where(r => r.SourceId == $"S-{_suffix}").Select(r => r.CaseNumber).OrderBy(c => c).ToListAsync(TestContext.Current.CancellationToken);
    }

    private async Task<(int Records, int Jobs)> CountAllAsync()
    {
        using var scope = _fixture.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        return (await db.Records.CountAsync(TestContext.Current.CancellationToken), await db.ImportJobs.CountAsync(TestContext.Current.CancellationToken));
    }
}
