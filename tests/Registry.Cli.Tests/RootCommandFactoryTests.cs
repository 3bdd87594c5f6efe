using Registry.Cli.Tests.Infrastructure;

namespace Registry.Cli.Tests;

public sealed class RootCommandFactoryTests
{
    private readonly CliHarness _cli = new();

    [Fact]
    public async Task Help_Always_DocumentsExitCodesAndGlobalOptions()
    {
        var run = await _cli.RunAsync("--help");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains("Exit codes:", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("130", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("--server", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("--api-key", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("--json", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_WithApiKeyInEnvironment_NeverEchoesIt()
    {
        _cli.Environment["REGISTRY_API_KEY"] = "rk_k1_supersecretvalue";
        _cli.Environment["REGISTRY_SERVER"] = "http://127.0.0.1:1";

        var run = await _cli.RunAsync("--help");

        Assert.DoesNotContain("supersecretvalue", run.Stdout + run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_UnknownCommand_ExitsWithUsage()
    {
        var run = await _cli.RunAsync("frobnicate");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.NotEmpty(run.Stderr);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://example.org")]
    [InlineData("localhost:5080")]
    public async Task Server_NotAnHttpUrl_ExitsWithUsage(string server)
    {
        var run = await _cli.RunAsync("--server", server);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("not a server address", run.Stderr, StringComparison.Ordinal);
    }
}
