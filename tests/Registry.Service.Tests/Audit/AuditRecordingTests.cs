using Grpc.Core;
using Registry.Protos.V1;
using Registry.Service.Tests.Infrastructure;
using RecordCategory = Registry.Service.Records.RecordCategory;
using RecordStatus = Registry.Service.Records.RecordStatus;

namespace Registry.Service.Tests.Audit;

public sealed class AuditRecordingTests(RegistryAppFactory factory) : IClassFixture<RegistryAppFactory>
{
    private readonly RegistryScenario _scenario = new(factory);
    private readonly AuditTestLog _log = new(factory);
    private static readonly DateOnly Today = DateOnly.FromDateTime(RegistryAppFactory.StartTime.UtcDateTime);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Check_RecordFound_WritesExactlyOneEntryWithTheCallsFields()
    {
        var (partnerId, key) = await _scenario.CreatePartnerAsync(Role.Partner, Purpose.DatingSafety);
        var h1 = TestKeys.NewH1();
        await _scenario.SeedRecordAsync(h1, RecordCategory.CriminalConviction, RecordStatus.Active, Today.AddYears(-1));
        var consentId = await _scenario.GrantAsync(key, h1);
        var request = RegistryScenario.CheckRequest(consentId, h1);

        var response = await _scenario.Checks(key).CheckAsync(request, cancellationToken: Ct);

        var rows = await _log.RowsAsync($"Action = 'check' AND ConsentId = '{consentId}'");
        var row = Assert.Single(rows);
        Assert.Equal(response.AuditEntryId, row["Id"]);
        Assert.Equal(partnerId, row["PartnerId"]);
        Assert.Equal("ROLE_PARTNER", row["ActorRole"]);
        Assert.Equal("record_found", row["Outcome"]);
        Assert.Equal("DATING_SAFETY", row["Purpose"]);
        Assert.Equal(request.RequestId, row["RequestId"]);
        Assert.Null(row["Reason"]);
        Assert.Equal(32, ((byte[])row["SubjectKey"]!).Length);
        AssertNoSecret(row, h1, key);
    }

    [Fact]
    public async Task Check_Refused_WritesOneRefusedEntryWithTheReason()
    {
        var key = await _scenario.CreatePartnerKeyAsync();
        var h1 = TestKeys.NewH1();
        var consentId = await _scenario.GrantAsync(key, h1, maxUses: 1);
        await _scenario.Checks(key).CheckAsync(RegistryScenario.CheckRequest(consentId, h1), cancellationToken: Ct);

        await Assert.ThrowsAsync<RpcException>(async () =>
            await _scenario.Checks(key).CheckAsync(RegistryScenario.CheckRequest(consentId, h1), cancellationToken: Ct));

        var rows = await _log.RowsAsync($"Action = 'check' AND ConsentId = '{consentId}'");
        Assert.Equal(["no_record", "refused"], rows.Select(r => (string)r["Outcome"]!).Order().ToArray());
        Assert.Equal("CONSENT_USED_UP", rows.Single(r => (string)r["Outcome"]! == "refused")["Reason"]);
    }

    [Fact]
    public async Task PartnerLifecycle_EachAdminAction_WritesExactlyOneEntry()
    {
        var (partnerId, _) = await _scenario.CreatePartnerAsync(Role.Partner, Purpose.DatingSafety);
        var issued = await _scenario.Admin.IssueApiKeyAsync(new IssueApiKeyRequest { PartnerId = partnerId }, cancellationToken: Ct);
        await _scenario.Admin.RevokeApiKeyAsync(new RevokeApiKeyRequest { KeyId = issued.ApiKey.KeyId }, cancellationToken: Ct);

        await _scenario.Admin.SetPartnerSuspendedAsync(new SetPartnerSuspendedRequest { PartnerId = partnerId, Suspended = true, Reason = "test" }, cancellationToken: Ct);

        var rows = await _log.RowsAsync($"Detail LIKE 'partner={partnerId}%'");
        Assert.Equal(["key.issue", "key.revoke", "partner.create", "partner.suspend"], rows.Select(r => (string)r["Action"]!).Order().ToArray());
        Assert.All(rows, r => Assert.Equal("ROLE_ADMIN", r["ActorRole"]));
        Assert.All(rows, r => Assert.DoesNotContain(issued.ApiKey.ApiKey, (string)r["Detail"]!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Check_AuditWriteFails_ReturnsUnavailableAndLeavesTheConsentUnused()
    {
        var key = await _scenario.CreatePartnerKeyAsync();
        var h1 = TestKeys.NewH1();
        await _scenario.SeedRecordAsync(h1, RecordCategory.CriminalConviction, RecordStatus.Active, Today.AddYears(-1));
        var consentId = await _scenario.GrantAsync(key, h1, maxUses: 3);
        await _log.ExecuteAsync("CREATE TRIGGER inject_fault BEFORE INSERT ON audit_entries BEGIN SELECT RAISE(ABORT, 'injected'); END");
        try
        {
            var ex = await RpcAssert.FailsAsync(StatusCode.Unavailable, "AUDIT_UNAVAILABLE", async () =>
                await _scenario.Checks(key).CheckAsync(RegistryScenario.CheckRequest(consentId, h1), cancellationToken: Ct));

            Assert.DoesNotContain("RECORD_FOUND", ex.Status.Detail, StringComparison.OrdinalIgnoreCase);
            Assert.Equal(0L, await _log.ScalarAsync<long>($"SELECT Uses FROM consents WHERE Id = '{consentId}'"));
            Assert.Equal(0L, await _log.ScalarAsync<long>($"SELECT COUNT(*) FROM audit_entries WHERE Action = 'check' AND ConsentId = '{consentId}'"));
        }
        finally
        {
            await _log.ExecuteAsync("DROP TRIGGER inject_fault");
        }
    }

    private static void AssertNoSecret(Dictionary<string, object?> row, byte[] h1, string apiKey)
    {
        foreach (var value in row.Values)
        {
            switch (value)
            {
                case byte[] bytes:
                    Assert.False(bytes.AsSpan().SequenceEqual(h1), "h1 stored in the audit row");
                    break;
                case string text:
                    Assert.DoesNotContain(Convert.ToHexString(h1), text, StringComparison.OrdinalIgnoreCase);
                    Assert.DoesNotContain(Convert.ToBase64String(h1), text, StringComparison.Ordinal);
                    Assert.DoesNotContain(apiKey, text, StringComparison.Ordinal);
                    break;
            }
        }
    }
}
