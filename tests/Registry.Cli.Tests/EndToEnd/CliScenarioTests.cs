using Registry.Cli.Tests.Infrastructure;
using Registry.Client;

namespace Registry.Cli.Tests.EndToEnd;

/// <summary>The CLI driving the real service (SQLite file, Development) through the SDK: partner, consent, check.</summary>
public sealed class CliScenarioTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private const string Iin = "900521389141";

    private readonly CliHarness _cli = fixture.CreateCli();

    [Fact]
    public async Task PartnersCreate_WithAdminKey_PrintsPartnerIdAndKeyOnceWithWarning()
    {
        var run = await _cli.RunAsync("partners", "create", "--name", Unique("app"), "--role", "partner",
            "--purpose", "dating-safety", "--purpose", "PERSONAL_SAFETY", "--api-key", fixture.AdminKey, "--json");

        var json = run.Json();
        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.False(string.IsNullOrEmpty(json.GetProperty("partner").GetProperty("partnerId").GetString()));
        Assert.Equal("PARTNER", json.GetProperty("partner").GetProperty("role").GetString());
        Assert.Equal(2, json.GetProperty("partner").GetProperty("purposes").GetArrayLength());
        Assert.StartsWith("rk_", json.GetProperty("apiKey").GetProperty("apiKey").GetString(), StringComparison.Ordinal);
        Assert.Contains("store it", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.AdminKey, run.Stdout + run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_UnderFreshConsent_PrintsNoRecordAndReceipt()
    {
        var partnerKey = await CreatePartnerKeyAsync();
        var consentId = await GrantAsync(partnerKey, "presence");

        var run = await _cli.RunAsync("check", "--iin", Iin, "--consent", consentId, "--purpose", "dating-safety", "--api-key", partnerKey);

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Equal("NO_RECORD", run.Stdout.Trim());
        Assert.Contains("audit receipt:", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(Iin, run.Stdout + run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_OtherIdentityThanTheConsents_IsRefusedWithSubjectMismatch()
    {
        var partnerKey = await CreatePartnerKeyAsync();
        var consentId = await GrantAsync(partnerKey, "summary");

        var run = await _cli.RunAsync("check", "--name", "Сапаров Ерлан", "--birth-date", "1990-05-21",
            "--consent", consentId, "--purpose", "dating-safety", "--api-key", partnerKey, "--json");

        // The consent was granted for the IIN identity: a name-dob identity is another subject.
        Assert.Equal(ExitCodes.ServiceError, run.ExitCode);
        Assert.Equal("PERMISSION_DENIED", run.Json().GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("CONSENT_SUBJECT_MISMATCH", run.Json().GetProperty("error").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Check_AfterConsentRevoked_ExitsWithServiceErrorAndPermissionDenied()
    {
        var partnerKey = await CreatePartnerKeyAsync();
        var consentId = await GrantAsync(partnerKey, "presence", maxUses: "5");
        var revoke = await _cli.RunAsync("consent", "revoke", consentId, "--api-key", partnerKey);
        Assert.Equal(ExitCodes.Ok, revoke.ExitCode);

        var run = await _cli.RunAsync("check", "--iin", Iin, "--consent", consentId, "--purpose", "dating-safety", "--api-key", partnerKey);

        Assert.Equal(ExitCodes.ServiceError, run.ExitCode);
        Assert.Contains("PERMISSION_DENIED", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("CONSENT_REVOKED", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(run.Stdout);
    }

    [Fact]
    public async Task ConsentShow_AfterGrant_ReturnsItsState()
    {
        var partnerKey = await CreatePartnerKeyAsync();
        var consentId = await GrantAsync(partnerKey, "summary", maxUses: "3");

        var run = await _cli.RunAsync("consent", "show", consentId, "--api-key", partnerKey, "--json");

        var json = run.Json();
        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Equal(consentId, json.GetProperty("consentId").GetString());
        Assert.Equal("SUMMARY", json.GetProperty("scope").GetString());
        Assert.Equal("DATING_SAFETY", json.GetProperty("purpose").GetString());
        Assert.Equal(3, json.GetProperty("maxUses").GetInt32());
        Assert.EndsWith("Z", json.GetProperty("expiresAt").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_WithAdminKey_IsRefusedForRole()
    {
        var partnerKey = await CreatePartnerKeyAsync();
        var consentId = await GrantAsync(partnerKey, "presence");

        var run = await _cli.RunAsync("check", "--iin", Iin, "--consent", consentId, "--purpose", "dating-safety",
            "--api-key", fixture.AdminKey, "--json");

        Assert.Equal(ExitCodes.ServiceError, run.ExitCode);
        Assert.Equal("PERMISSION_DENIED", run.Json().GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task PartnersList_WithPartnerKey_IsRefusedForRole()
    {
        var partnerKey = await CreatePartnerKeyAsync();

        var run = await _cli.RunAsync("partners", "list", "--api-key", partnerKey);

        Assert.Equal(ExitCodes.ServiceError, run.ExitCode);
        Assert.Contains("PERMISSION_DENIED", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(partnerKey, run.Stdout + run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PartnersList_WithUnknownKey_IsUnauthenticatedAndNeverEchoesTheKey()
    {
        const string badKey = "rk_nosuchkey_" + "c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0"; // fake, in two parts

        var run = await _cli.RunAsync("partners", "list", "--api-key", badKey, "--json");

        Assert.Equal(ExitCodes.ServiceError, run.ExitCode);
        Assert.Equal("UNAUTHENTICATED", run.Json().GetProperty("error").GetProperty("code").GetString());
        Assert.DoesNotContain("c2VjcmV0", run.Stdout + run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeysRevoke_AfterRevoking_TheKeyStopsWorking()
    {
        var created = await CreatePartnerAsync();
        var revoke = await _cli.RunAsync("keys", "revoke", created.KeyId, "--yes", "--api-key", fixture.AdminKey);
        Assert.Equal(ExitCodes.Ok, revoke.ExitCode);

        var run = await _cli.RunAsync("consent", "grant", "--iin", Iin, "--purpose", "dating-safety", "--scope", "presence",
            "--evidence", "sms-otp:otp-1", "--api-key", created.ApiKey);

        Assert.Equal(ExitCodes.ServiceError, run.ExitCode);
        Assert.Contains("UNAUTHENTICATED", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeysRevoke_WithoutYes_ExitsWithUsageAndKeepsTheKey()
    {
        var created = await CreatePartnerAsync();

        var run = await _cli.RunAsync("keys", "revoke", created.KeyId, "--api-key", fixture.AdminKey);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--yes", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Ok, (await _cli.RunAsync("consent", "grant", "--iin", Iin, "--purpose", "dating-safety",
            "--scope", "presence", "--evidence", "sms-otp:otp-1", "--api-key", created.ApiKey)).ExitCode);
    }

    [Fact]
    public async Task PartnersSuspend_ThenGrant_IsRefused()
    {
        var created = await CreatePartnerAsync();
        var suspend = await _cli.RunAsync("partners", "suspend", created.PartnerId, "--reason", "test", "--api-key", fixture.AdminKey, "--json");
        Assert.True(suspend.Json().GetProperty("partner").GetProperty("suspended").GetBoolean(), suspend.ToString());

        var run = await _cli.RunAsync("consent", "grant", "--iin", Iin, "--purpose", "dating-safety", "--scope", "presence",
            "--evidence", "sms-otp:otp-1", "--api-key", created.ApiKey, "--json");

        Assert.Equal(ExitCodes.ServiceError, run.ExitCode);
        Assert.Equal("PERMISSION_DENIED", run.Json().GetProperty("error").GetProperty("code").GetString());
    }

    private async Task<string> CreatePartnerKeyAsync() => (await CreatePartnerAsync()).ApiKey;

    private async Task<(string PartnerId, string KeyId, string ApiKey)> CreatePartnerAsync()
    {
        var run = await _cli.RunAsync("partners", "create", "--name", Unique("app"), "--role", "partner",
            "--purpose", "dating-safety", "--api-key", fixture.AdminKey, "--json");
        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        var json = run.Json();
        return (json.GetProperty("partner").GetProperty("partnerId").GetString()!,
            json.GetProperty("apiKey").GetProperty("keyId").GetString()!,
            json.GetProperty("apiKey").GetProperty("apiKey").GetString()!);
    }

    private async Task<string> GrantAsync(string partnerKey, string scope, string maxUses = "1")
    {
        var run = await _cli.RunAsync("consent", "grant", "--iin", Iin, "--purpose", "dating-safety", "--scope", scope,
            "--valid-for", "7d", "--max-uses", maxUses, "--evidence", "sms-otp:otp-123", "--api-key", partnerKey);
        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        return run.Stdout.Trim();
    }

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}";
}
