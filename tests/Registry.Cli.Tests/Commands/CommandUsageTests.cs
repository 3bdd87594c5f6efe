using Registry.Cli.Tests.Infrastructure;
using Registry.Client;

namespace Registry.Cli.Tests.Commands;

/// <summary>Command lines that must be refused on this machine with exit 1, before any client is created.</summary>
public sealed class CommandUsageTests
{
    private const string Key = "rk_k1_c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0";

    private readonly CliHarness _cli;
    private int _clientsCreated;

    public CommandUsageTests()
    {
        _cli = new CliHarness
        {
            ClientFactory = connection =>
            {
                _clientsCreated++;
                return new RegistryClient(connection.Server, new RegistryApiKeyCredential(connection.ApiKey!));
            },
        };
    }

    [Theory]
    [InlineData("consent|grant|--iin|900521389141|--purpose|dating|--scope|presence|--evidence|sms-otp:1", "dating-safety")]
    [InlineData("consent|grant|--iin|900521389141|--purpose|dating-safety|--scope|all|--evidence|sms-otp:1", "presence")]
    [InlineData("consent|grant|--iin|900521389141|--purpose|dating-safety|--scope|presence|--evidence|email:1", "sms-otp")]
    [InlineData("consent|grant|--iin|900521389141|--purpose|dating-safety|--scope|presence|--evidence|sms-otp:", "1..200")]
    [InlineData("consent|grant|--iin|900521389141|--purpose|dating-safety|--scope|presence|--evidence|sms-otp:1|--max-uses|0", "1..100")]
    [InlineData("consent|grant|--iin|900521389141|--purpose|dating-safety|--scope|presence|--evidence|sms-otp:1|--valid-for|7w", "duration")]
    [InlineData("consent|grant|--iin|900521389141|--purpose|dating-safety|--scope|presence|--evidence|sms-otp:1|--evidence-captured-at|soon", "ISO-8601")]
    [InlineData("consent|grant|--iin|900521389141|--purpose|dating-safety|--scope|presence", "--evidence")]
    [InlineData("partners|create|--name|x|--role|root", "partner, auditor, admin")]
    [InlineData("records|correct|--source-id|s|--case-number|c|--reason|r", "nothing to correct")]
    [InlineData("records|correct|--source-id|s|--case-number|c|--reason|r|--status|expunged", "active, expired, overturned")]
    [InlineData("check|--iin|900521389141|--purpose|dating-safety", "--consent")]
    public async Task Parse_InvalidValue_ExitsWithUsageNamingWhatIsExpected(string commandLine, string expected)
    {
        var run = await _cli.RunAsync([.. commandLine.Split('|'), "--api-key", Key]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains(expected, run.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, _clientsCreated);
    }

    [Theory]
    [InlineData("keys|revoke|k1")]
    [InlineData("records|expunge|--source-id|s|--case-number|c|--reason|r")]
    public async Task Destructive_WithoutYes_ExitsWithUsageAndSendsNothing(string commandLine)
    {
        var run = await _cli.RunAsync([.. commandLine.Split('|'), "--api-key", Key, "--json"]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal("USAGE", run.Json().GetProperty("error").GetProperty("code").GetString());
        Assert.Contains("--yes", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, _clientsCreated);
    }

    [Fact]
    public async Task Invoke_WithoutApiKey_ExitsWithUsageNamingTheVariable()
    {
        var run = await _cli.RunAsync("partners", "list");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("REGISTRY_API_KEY", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, _clientsCreated);
    }

    [Fact]
    public async Task Invoke_WithMalformedApiKey_ExitsWithUsageWithoutEchoingIt()
    {
        var run = await _cli.RunAsync("partners", "list", "--api-key", "not-a-key-hunter2");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.DoesNotContain("hunter2", run.Stdout + run.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, _clientsCreated);
    }

    [Fact]
    public async Task Invoke_WithApiKeyAndServerFromEnvironment_UsesThem()
    {
        _cli.Environment["REGISTRY_API_KEY"] = Key;
        _cli.Environment["REGISTRY_SERVER"] = "http://127.0.0.1:9";
        Uri? server = null;
        _cli.ClientFactory = connection =>
        {
            server = connection.Server;
            throw new HttpRequestException("connection refused");
        };

        var run = await _cli.RunAsync("partners", "list", "--json");

        Assert.Equal(ExitCodes.ServiceError, run.ExitCode);
        Assert.Equal(new Uri("http://127.0.0.1:9"), server);
        Assert.Equal("UNAVAILABLE", run.Json().GetProperty("error").GetProperty("code").GetString());
    }
}
