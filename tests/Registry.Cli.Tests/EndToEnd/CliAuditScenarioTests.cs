using Registry.Cli.Tests.Infrastructure;
using Registry.Client;

namespace Registry.Cli.Tests.EndToEnd;

/// <summary>
/// The audit commands against the real service. They skip themselves while the service answers UNIMPLEMENTED
/// (AuditService is issue 4, not on main yet) and run as soon as it lands.
/// </summary>
public sealed class CliAuditScenarioTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private const string SkipReason = "Registry.Service does not implement AuditService yet (issue 4): the call answered UNIMPLEMENTED.";

    private readonly CliHarness _cli = new()
    {
        ClientFactory = connection => new RegistryClient(
            connection.Server,
            new RegistryApiKeyCredential(connection.ApiKey!),
            new RegistryClientOptions { HttpHandler = fixture.Server.CreateHandler(), MaxRetries = 0 }),
    };

    [Fact]
    public async Task AuditVerify_WithAuditorKey_VerifiesTheLog()
    {
        var auditorKey = await CreateAuditorKeyAsync();

        var run = await _cli.RunAsync("audit", "verify", "--api-key", auditorKey, "--json");

        SkipWhenUnimplemented(run);
        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.True(run.Json().GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task AuditExport_WithAuditorKey_WritesCsvThatVerifiesOffline()
    {
        var auditorKey = await CreateAuditorKeyAsync();
        var path = Path.Combine(Path.GetTempPath(), $"audit-{Guid.NewGuid():N}.csv");

        var run = await _cli.RunAsync("audit", "export", "--out", path, "--api-key", auditorKey, "--json");

        SkipWhenUnimplemented(run);
        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.True(run.Json().GetProperty("verifiable").GetBoolean());
        Assert.True(File.Exists(path));
        File.Delete(path);
        File.Delete(path + ".checkpoints.json");
    }

    [Fact]
    public async Task AuditVerify_WithPartnerKey_IsRefusedForRole()
    {
        var run = await _cli.RunAsync("partners", "create", "--name", $"app-{Guid.NewGuid():N}", "--role", "partner",
            "--purpose", "dating-safety", "--api-key", fixture.AdminKey, "--json");
        var partnerKey = run.Json().GetProperty("apiKey").GetProperty("apiKey").GetString()!;

        var verify = await _cli.RunAsync("audit", "verify", "--api-key", partnerKey, "--json");

        SkipWhenUnimplemented(verify);
        Assert.Equal(ExitCodes.ServiceError, verify.ExitCode);
        Assert.Equal("PERMISSION_DENIED", verify.Json().GetProperty("error").GetProperty("code").GetString());
    }

    private static void SkipWhenUnimplemented(CliRun run) =>
        Assert.SkipWhen(run.ExitCode == ExitCodes.ServiceError && run.Stderr.Contains("UNIMPLEMENTED", StringComparison.Ordinal), SkipReason);

    private async Task<string> CreateAuditorKeyAsync()
    {
        var run = await _cli.RunAsync("partners", "create", "--name", $"auditor-{Guid.NewGuid():N}", "--role", "auditor",
            "--api-key", fixture.AdminKey, "--json");
        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        return run.Json().GetProperty("apiKey").GetProperty("apiKey").GetString()!;
    }
}
