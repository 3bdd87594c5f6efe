using Registry.Cli.Tests.Infrastructure;
using Registry.Client;

namespace Registry.Cli.Tests.EndToEnd;

/// <summary>Online <c>audit verify</c> and <c>audit export</c> against the real service, and the export verified offline.</summary>
public sealed class CliAuditScenarioTests : IClassFixture<ServiceFixture>
{
    private readonly ServiceFixture _fixture;
    private readonly CliHarness _cli;
    private readonly AuditLogDriver _log;

    public CliAuditScenarioTests(ServiceFixture fixture)
    {
        _fixture = fixture;
        _cli = fixture.CreateCli();
        _log = new AuditLogDriver(fixture, _cli);
    }

    [Fact]
    public async Task AuditVerify_WithAuditorKey_VerifiesTheSequencedLog()
    {
        var auditorKey = await _log.CreateAuditorKeyAsync();
        await _log.EnsureSequencedAsync(4);

        var run = await _cli.RunAsync("audit", "verify", "--api-key", auditorKey, "--json");

        var json = run.Json();
        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.True(json.GetProperty("ok").GetBoolean());
        Assert.Equal("online", json.GetProperty("mode").GetString());
        Assert.True(json.GetProperty("entriesVerified").GetInt64() >= 4, run.ToString());
        Assert.False(string.IsNullOrEmpty(json.GetProperty("auditEntryId").GetString()));
    }

    [Fact]
    public async Task AuditVerify_RangeBeyondTheLog_IsRefusedAsInvalid()
    {
        var auditorKey = await _log.CreateAuditorKeyAsync();

        var run = await _cli.RunAsync("audit", "verify", "--from-seq", "5", "--to-seq", "2", "--api-key", auditorKey, "--json");

        Assert.True(run.ExitCode == ExitCodes.ServiceError, run.ToString());
        Assert.Equal("INVALID_ARGUMENT", run.Json().GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task AuditExport_Unfiltered_WritesCsvThatVerifiesOffline()
    {
        var auditorKey = await _log.CreateAuditorKeyAsync();
        await _log.EnsureSequencedAsync(4);
        var path = Path.Combine(Path.GetTempPath(), $"audit-{Guid.NewGuid():N}.csv");
        try
        {
            var run = await _cli.RunAsync("audit", "export", "--out", path, "--api-key", auditorKey, "--json");

            var json = run.Json();
            Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
            Assert.True(json.GetProperty("verifiable").GetBoolean());
            Assert.True(json.GetProperty("checkpoints").GetInt32() >= 2, run.ToString());
            var verify = await _cli.RunAsync("audit", "verify", "--offline", "--export", path, "--public-key", _log.VerifierKey, "--json");
            Assert.True(verify.ExitCode == ExitCodes.Ok, verify.ToString());
            Assert.Equal(json.GetProperty("rows").GetInt64(), verify.Json().GetProperty("entriesVerified").GetInt64());
        }
        finally
        {
            File.Delete(path);
            File.Delete(path + ".checkpoints.json");
        }
    }

    [Fact]
    public async Task AuditExport_FilteredByAction_WritesOnlyThoseRowsAndWarns()
    {
        var auditorKey = await _log.CreateAuditorKeyAsync();
        await _log.EnsureSequencedAsync(2);
        var path = Path.Combine(Path.GetTempPath(), $"audit-{Guid.NewGuid():N}.csv");
        try
        {
            var run = await _cli.RunAsync("audit", "export", "--out", path, "--action", "partner.create", "--api-key", auditorKey, "--json");

            Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
            Assert.False(run.Json().GetProperty("verifiable").GetBoolean());
            Assert.Contains("cannot be verified", run.Stderr, StringComparison.Ordinal);
            var lines = (await File.ReadAllLinesAsync(path, TestContext.Current.CancellationToken)).Skip(1).ToList();
            Assert.NotEmpty(lines);
            Assert.All(lines, line => Assert.Contains(",partner.create,", line, StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task AuditVerify_WithPartnerKey_IsRefusedForRole()
    {
        var run = await _cli.RunAsync("partners", "create", "--name", $"app-{Guid.NewGuid():N}", "--role", "partner",
            "--purpose", "dating-safety", "--api-key", _fixture.AdminKey, "--json");
        var partnerKey = run.Json().GetProperty("apiKey").GetProperty("apiKey").GetString()!;

        var verify = await _cli.RunAsync("audit", "verify", "--api-key", partnerKey, "--json");

        Assert.Equal(ExitCodes.ServiceError, verify.ExitCode);
        Assert.Equal("PERMISSION_DENIED", verify.Json().GetProperty("error").GetProperty("code").GetString());
    }
}
