using Microsoft.Data.Sqlite;
using Registry.Protos.V1;
using Registry.Service.Tests.Infrastructure;

namespace Registry.Service.Tests.Audit;

/// <summary>
/// Two real service processes on one SQLite file write one verifiable log; killing the one that holds the
/// sequencer lease hands the lease to the survivor, which sequences what was written after.
/// </summary>
public sealed class AuditTwoProcessTests : IDisposable
{
    private static readonly TimeSpan SequencingTimeout = TimeSpan.FromSeconds(15);
    private readonly SharedFileReplicas _replicas = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 60_000)]
    public async Task TwoProcesses_OneFile_OneVerifiableLogAndTheLeaseMovesWhenTheHolderIsKilled()
    {
        var ct = TestContext.Current.CancellationToken;
        var first = await _replicas.StartAsync();
        var adminKey = await _replicas.AdminKeyAsync();
        var second = await _replicas.StartAsync();
        var admin = new AdminService.AdminServiceClient(first.CreateChannel(adminKey));
        var partner = await admin.CreatePartnerAsync(NewPartner(Role.Partner), cancellationToken: Ct);
        var auditorKey = (await admin.CreatePartnerAsync(NewPartner(Role.Auditor), cancellationToken: Ct)).ApiKey.ApiKey;
        var receipts = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => GrantAndCheckAsync(i % 2 == 0 ? first : second, partner.ApiKey.ApiKey)));

        await WaitUntilAllSequencedAsync("every entry of both processes sequenced and covered by a checkpoint");
        await AssertOneVerifiableLogAsync(first, auditorKey, receipts.SelectMany(r => r));

        var holder = await LeaseHolderAsync();
        var (killed, survivor) = holder.Contains($"/{first.Id}/", StringComparison.Ordinal) ? (first, second) : (second, first);
        Assert.Contains($"/{killed.Id}/", holder, StringComparison.Ordinal);
        killed.Kill();
        var later = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => GrantAndCheckAsync(survivor, partner.ApiKey.ApiKey)));

        await Eventually.UntilAsync(async () => (await LeaseHolderAsync()).Contains($"/{survivor.Id}/", StringComparison.Ordinal),
            SequencingTimeout, () => $"the survivor ({survivor.Id}) to take the lease; output:\n{survivor.Output}");
        await WaitUntilAllSequencedAsync("the survivor to sequence the entries written after the kill");
        await AssertOneVerifiableLogAsync(survivor, auditorKey, receipts.Concat(later).SelectMany(r => r));
    }

    public void Dispose() => _replicas.Dispose();

    private static CreatePartnerRequest NewPartner(Role role)
    {
        var request = new CreatePartnerRequest { Name = $"{role}-{Guid.NewGuid():N}", Role = role };
        if (role == Role.Partner)
        {
            request.AllowedPurposes.Add(Purpose.DatingSafety);
        }

        return request;
    }

    private static async Task<string[]> GrantAndCheckAsync(ServiceProcess process, string key)
    {
        using var channel = process.CreateChannel(key);
        var h1 = TestKeys.NewH1();
        var request = new GrantConsentRequest
        {
            H1 = Google.Protobuf.ByteString.CopyFrom(h1),
            Purpose = Purpose.DatingSafety,
            Scope = ConsentScope.Presence,
            Evidence = new ConsentEvidence
            {
                Kind = EvidenceKind.SmsOtp,
                Reference = "otp",
                CapturedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(TimeProvider.System.GetUtcNow().AddMinutes(-1)),
            },
        };
        var grant = await new ConsentService.ConsentServiceClient(channel).GrantConsentAsync(request, cancellationToken: Ct);
        var check = await new CheckService.CheckServiceClient(channel).CheckAsync(RegistryScenario.CheckRequest(grant.ConsentId, h1), cancellationToken: Ct);
        return [grant.AuditEntryId, check.AuditEntryId];
    }

    private async Task WaitUntilAllSequencedAsync(string what) =>
        await Eventually.UntilAsync(async () =>
            await ScalarAsync("SELECT COUNT(*) FROM audit_entries WHERE Sequence IS NULL") == 0
            && await ScalarAsync("SELECT COUNT(*) FROM audit_entries") == await ScalarAsync("SELECT COALESCE(MAX(TreeSize), 0) FROM audit_checkpoints"),
            SequencingTimeout, () => what + "; outputs:\n" + _replicas.Outputs);

    private async Task AssertOneVerifiableLogAsync(ServiceProcess process, string auditorKey, IEnumerable<string> receipts)
    {
        var total = await ScalarAsync("SELECT COUNT(*) FROM audit_entries");
        Assert.Equal(total - 1, await ScalarAsync("SELECT MAX(Sequence) FROM audit_entries"));
        Assert.Equal(total, await ScalarAsync("SELECT COUNT(DISTINCT Sequence) FROM audit_entries"));
        foreach (var receipt in receipts)
        {
            Assert.Equal(1, await ScalarAsync($"SELECT COUNT(*) FROM audit_entries WHERE Id = '{receipt}' AND Sequence IS NOT NULL"));
        }

        var auditor = new AuditService.AuditServiceClient(process.CreateChannel(auditorKey));
        var result = await auditor.VerifyAuditLogAsync(new VerifyAuditLogRequest(), cancellationToken: Ct);
        Assert.True(result.Ok, result.Message);
        Assert.True(result.EntriesVerified >= total, $"{result.EntriesVerified} < {total}");
        Assert.True(result.CheckpointsVerified >= 1, result.Message);
    }

    private async Task<string> LeaseHolderAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT HolderId FROM sequencer_leases";
        return (string?)await command.ExecuteScalarAsync(Ct) ?? string.Empty;
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    private Task<SqliteConnection> OpenAsync() => _replicas.OpenAsync();
}
