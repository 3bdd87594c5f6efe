using System.Net;
using System.Net.Sockets;
using Registry.Cli.Tests.Infrastructure;
using Registry.Client;

namespace Registry.Cli.Tests.Commands.Import;

/// <summary><c>registry import</c> refusals found on this machine, and a service that cannot be reached.</summary>
public sealed class ImportCommandTests : IDisposable
{
    private const string Key = "rk_k1_c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0";

    private readonly ImportTestFiles _files = new();
    private readonly CliHarness _cli = new()
    {
        ClientFactory = connection => new RegistryClient(
            connection.Server, new RegistryApiKeyCredential(connection.ApiKey!), new RegistryClientOptions { MaxRetries = 0 }),
    };

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData("import")]
    [InlineData("import|a.csv|b.csv")]
    [InlineData("import|court.csv|--batch-size|0")]
    [InlineData("import|court.csv|--batch-size|1001")]
    [InlineData("import|court.csv|--batch-size|many")]
    [InlineData("import|court.csv|--dry-rum")]
    [InlineData("consent|grant|--iin|900521389141")]
    [InlineData("frobnicate")]
    public async Task Parse_BadCommandLine_PrintsOneLineOnStderrAndNothingOnStdout(string commandLine)
    {
        var run = await _cli.RunAsync([.. commandLine.Split('|'), "--json", "--api-key", Key]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Empty(run.Stdout);
        var line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: USAGE: ", line, StringComparison.Ordinal);
        Assert.Contains("--help", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_ServiceDown_SaysWhichAddressItCouldNotReach()
    {
        var path = _files.CopySample("down");
        var server = $"http://127.0.0.1:{UnusedPort()}";

        var run = await _cli.RunAsync("import", path, "--server", server, "--api-key", Key, "--json");

        Assert.True(run.ExitCode == ExitCodes.ServiceError, run.ToString());
        Assert.Contains($"error: UNAVAILABLE: Cannot reach the service at {server}/", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("answered", run.Stderr, StringComparison.Ordinal);
        Assert.Equal("UNAVAILABLE", run.Json().GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task PartnersList_ServiceDown_SaysWhichAddressItCouldNotReach()
    {
        var server = $"http://127.0.0.1:{UnusedPort()}";

        var run = await _cli.RunAsync("partners", "list", "--server", server, "--api-key", Key);

        Assert.True(run.ExitCode == ExitCodes.ServiceError, run.ToString());
        Assert.Contains($"Cannot reach the service at {server}/", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_MissingFile_ExitsWithUsage()
    {
        var run = await _cli.RunAsync("import", Path.Combine(_files.Directory, "missing.csv"), "--api-key", Key, "--json");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal("IO_ERROR", run.Json().GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Import_HeaderWithoutCaseNumber_ExitsWithUsageNamingTheColumn()
    {
        var path = _files.Write("court.csv", "source_id;iin;category;decision_date;status\nS;900521389141;criminal_conviction;2024-03-01;active\n");

        var run = await _cli.RunAsync("import", path, "--api-key", Key);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("'case_number'", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_RejectsPathIsTheFile_ExitsWithUsage()
    {
        var path = _files.CopySample("same");
        var before = File.ReadAllBytes(path);

        var run = await _cli.RunAsync("import", path, "--rejects", path, "--api-key", Key);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--rejects", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
