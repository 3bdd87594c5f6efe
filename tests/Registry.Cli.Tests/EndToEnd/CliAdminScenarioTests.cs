extern alias service;

using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Registry.Cli.Tests.Infrastructure;
using Registry.Client;
using service::Registry.Service.Identity;
using service::Registry.Service.Infrastructure;
using service::Registry.Service.Records;
using Registry.Service.Infrastructure;
using Registry.Service.Records;

namespace Registry.Cli.Tests.EndToEnd;

/// <summary><c>records correct</c>, <c>records expunge</c> and <c>partners reinstate</c> against the real service.</summary>
public sealed class CliAdminScenarioTests : IClassFixture<ServiceFixture>
{
    private const string SourceId = "TEST";
    private readonly ServiceFixture _fixture;
    private readonly CliHarness _cli;

    public CliAdminScenarioTests(ServiceFixture fixture)
    {
        _fixture = fixture;
        _cli = fixture.CreateCli();
    }

    [Fact]
    public async Task RecordsCorrect_StatusAndExpiry_ChangesTheStoredRecord()
    {
        var caseNumber = await SeedRecordAsync();

        var run = await _cli.RunAsync("records", "correct", "--source-id", SourceId, "--case-number", caseNumber,
            "--status", "overturned", "--expires-at", "2030-01-31", "--reason", "appeal granted", "--api-key", _fixture.AdminKey, "--json");

        var json = run.Json();
        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Equal("corrected", json.GetProperty("change").GetString());
        Assert.False(string.IsNullOrEmpty(json.GetProperty("auditEntryId").GetString()));
        var record = await LoadAsync(caseNumber);
        Assert.Equal(RecordStatus.Overturned, record.Status);
        Assert.Equal(new DateOnly(2030, 1, 31), record.ExpiresAt);
    }

    [Fact]
    public async Task RecordsCorrect_UnknownRecord_ExitsWithNotFound()
    {
        var run = await _cli.RunAsync("records", "correct", "--source-id", SourceId, "--case-number", Guid.NewGuid().ToString("N"),
            "--status", "expired", "--reason", "r", "--api-key", _fixture.AdminKey, "--json");

        Assert.True(run.ExitCode == ExitCodes.ServiceError, run.ToString());
        Assert.Equal("NOT_FOUND", run.Json().GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task RecordsExpunge_WithYes_ExpungesTheRecord()
    {
        var caseNumber = await SeedRecordAsync();

        var run = await _cli.RunAsync("records", "expunge", "--source-id", SourceId, "--case-number", caseNumber,
            "--reason", "court order", "--yes", "--api-key", _fixture.AdminKey, "--json");

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Equal("expunged", run.Json().GetProperty("change").GetString());
        Assert.Equal(RecordStatus.Expunged, (await LoadAsync(caseNumber)).Status);
    }

    [Fact]
    public async Task RecordsExpunge_WithoutYes_ExitsWithUsageAndKeepsTheRecord()
    {
        var caseNumber = await SeedRecordAsync();

        var run = await _cli.RunAsync("records", "expunge", "--source-id", SourceId, "--case-number", caseNumber,
            "--reason", "court order", "--api-key", _fixture.AdminKey);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal(RecordStatus.Active, (await LoadAsync(caseNumber)).Status);
    }

    [Fact]
    public async Task PartnersReinstate_AfterSuspend_LetsThePartnerCallAgain()
    {
        var created = await _cli.RunAsync("partners", "create", "--name", $"app-{Guid.NewGuid():N}", "--role", "partner",
            "--purpose", "dating-safety", "--api-key", _fixture.AdminKey, "--json");
        var partnerId = created.Json().GetProperty("partner").GetProperty("partnerId").GetString()!;
        var partnerKey = created.Json().GetProperty("apiKey").GetProperty("apiKey").GetString()!;
        var suspend = await _cli.RunAsync("partners", "suspend", partnerId, "--reason", "review", "--api-key", _fixture.AdminKey);
        Assert.True(suspend.ExitCode == ExitCodes.Ok, suspend.ToString());

        var run = await _cli.RunAsync("partners", "reinstate", partnerId, "--reason", "review passed", "--api-key", _fixture.AdminKey, "--json");

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.False(run.Json().GetProperty("partner").GetProperty("suspended").GetBoolean());
        var grant = await _cli.RunAsync("consent", "grant", "--iin", "900521389141", "--purpose", "dating-safety", "--scope", "presence",
            "--evidence", "sms-otp:otp-1", "--api-key", partnerKey);
        Assert.True(grant.ExitCode == ExitCodes.Ok, grant.ToString());
    }

    [Fact]
    public async Task PartnersCreate_SameNameInAnotherCase_ExitsWithAlreadyExists()
    {
        var name = $"Acme {Guid.NewGuid():N}";
        var first = await _cli.RunAsync("partners", "create", "--name", name, "--role", "auditor", "--api-key", _fixture.AdminKey, "--json");

        var second = await _cli.RunAsync("partners", "create", "--name", "  " + name.ToUpperInvariant(), "--role", "auditor",
            "--api-key", _fixture.AdminKey, "--json");

        Assert.True(first.ExitCode == ExitCodes.Ok, first.ToString());
        Assert.True(second.ExitCode == ExitCodes.ServiceError, second.ToString());
        var error = second.Json().GetProperty("error");
        Assert.Equal("ALREADY_EXISTS", error.GetProperty("code").GetString());
        Assert.Equal("PARTNER_EXISTS", error.GetProperty("reason").GetString());
        Assert.Contains($"'{name}'", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PartnersQuota_SetsAndResetsThePartnersQuota()
    {
        var created = await _cli.RunAsync("partners", "create", "--name", $"app-{Guid.NewGuid():N}", "--role", "partner",
            "--purpose", "dating-safety", "--api-key", _fixture.AdminKey, "--json");
        var partnerId = created.Json().GetProperty("partner").GetProperty("partnerId").GetString()!;

        var set = await _cli.RunAsync("partners", "quota", partnerId, "--per-second", "50", "--burst", "500", "--reason", "pilot",
            "--api-key", _fixture.AdminKey, "--json");
        var reset = await _cli.RunAsync("partners", "quota", partnerId, "--default", "--api-key", _fixture.AdminKey);
        var both = await _cli.RunAsync("partners", "quota", partnerId, "--default", "--burst", "500", "--api-key", _fixture.AdminKey);
        var tooSmall = await _cli.RunAsync("partners", "quota", partnerId, "--per-second", "5", "--burst", "10", "--api-key", _fixture.AdminKey);

        Assert.True(set.ExitCode == ExitCodes.Ok, set.ToString());
        var partner = set.Json().GetProperty("partner");
        Assert.Equal((50, 500), (partner.GetProperty("quotaPerSecond").GetInt32(), partner.GetProperty("quotaBurst").GetInt32()));
        Assert.True(reset.ExitCode == ExitCodes.Ok, reset.ToString());
        Assert.Contains("quota:      the service's default", reset.Stdout, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, both.ExitCode);
        Assert.NotEqual(ExitCodes.Ok, tooSmall.ExitCode);
        Assert.Contains("burst", tooSmall.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PartnersReinstate_WithPartnerKey_IsRefusedForRole()
    {
        var created = await _cli.RunAsync("partners", "create", "--name", $"app-{Guid.NewGuid():N}", "--role", "partner",
            "--purpose", "dating-safety", "--api-key", _fixture.AdminKey, "--json");
        var partnerId = created.Json().GetProperty("partner").GetProperty("partnerId").GetString()!;
        var partnerKey = created.Json().GetProperty("apiKey").GetProperty("apiKey").GetString()!;

        var run = await _cli.RunAsync("partners", "reinstate", partnerId, "--reason", "self-service", "--api-key", partnerKey, "--json");

        Assert.True(run.ExitCode == ExitCodes.ServiceError, run.ToString());
        Assert.Equal("PERMISSION_DENIED", run.Json().GetProperty("error").GetProperty("code").GetString());
    }

    /// <summary>Inserts a record directly (the import is a later capability), as the service tests' scenario does.</summary>
    private async Task<string> SeedRecordAsync()
    {
        using var scope = _fixture.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var subject = scope.ServiceProvider.GetRequiredService<SubjectKeyRing>().Derive(RandomNumberGenerator.GetBytes(32));
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var record = new CourtRecord
        {
            SourceId = SourceId,
            CaseNumber = Guid.NewGuid().ToString("N"),
            Category = RecordCategory.CriminalConviction,
            Status = RecordStatus.Active,
            DecisionDate = new DateOnly(2024, 3, 1),
            EffectiveFrom = new DateOnly(2024, 3, 1),
            Court = "Test court",
            CreatedAt = now,
            UpdatedAt = now,
            Version = Guid.NewGuid(),
        };
        record.Subjects.Add(new RecordSubject { SubjectKey = subject.Value, SubjectKeyId = subject.KeyId });
        db.Records.Add(record);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return record.CaseNumber;
    }

    private async Task<CourtRecord> LoadAsync(string caseNumber)
    {
        using var scope = _fixture.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        return await db.Records.AsNoTracking().SingleAsync(r => r.SourceId == SourceId && r.CaseNumber == caseNumber, TestContext.Current.CancellationToken);
    }
}
