using System.Collections.Concurrent;
using Grpc.Core;
using Registry.Protos.V1;
using Registry.Service.Tests.Infrastructure;

namespace Registry.Service.Tests.Audit;

/// <summary>
/// A real service process killed (SIGKILL) while several clients check continuously: after a restart, every check a
/// client saw answered has its audit entry (the receipt it was given, with its request id), and the log verifies.
/// </summary>
[Collection(ServiceProcessTests.Name)]
public sealed class AuditKillTests : IAsyncDisposable
{
    private const int Clients = 4;
    private const int AnsweredBeforeKill = 300;
    private static readonly TimeSpan SequencingTimeout = TimeSpan.FromSeconds(20);
    private readonly ReplicaSet _replicas = ReplicaSet.CreateSqlite();

    [Fact(Timeout = 90_000)]
    public async Task ServiceKilledUnderCheckLoad_EveryAnsweredCheckHasItsEntryAndTheLogVerifies()
    {
        var ct = TestContext.Current.CancellationToken;
        var service = (await _replicas.StartAsync()).Single();
        var admin = new AdminService.AdminServiceClient(service.CreateChannel(await _replicas.AdminKeyAsync()));
        var partnerKey = (await admin.CreatePartnerAsync(NewPartner(Role.Partner), cancellationToken: ct)).ApiKey.ApiKey;
        var auditorKey = (await admin.CreatePartnerAsync(NewPartner(Role.Auditor), cancellationToken: ct)).ApiKey.ApiKey;
        var answered = new ConcurrentQueue<(string RequestId, string EntryId)>();

        var clients = Enumerable.Range(0, Clients).Select(_ => Task.Run(() => CheckUntilRefusedAsync(service, partnerKey, answered, ct), ct)).ToList();
        await Eventually.UntilAsync(() => Task.FromResult(answered.Count >= AnsweredBeforeKill), TimeSpan.FromSeconds(30),
            () => $"{AnsweredBeforeKill} checks answered (so far {answered.Count}); output:\n{service.Output}");
        service.Kill();
        var failures = await Task.WhenAll(clients);

        Assert.All(failures, code => Assert.Contains(code, new[] { StatusCode.Unavailable, StatusCode.Internal, StatusCode.Cancelled }));
        var restarted = (await _replicas.StartAsync()).Single();
        await Eventually.UntilAsync(async () => await ScalarAsync("SELECT COUNT(*) FROM audit_entries WHERE Sequence IS NULL") == 0
                && await ScalarAsync("SELECT COUNT(*) FROM audit_entries") == await ScalarAsync("SELECT COALESCE(MAX(TreeSize), 0) FROM audit_checkpoints"),
            SequencingTimeout, () => "every entry sequenced after the restart; output:\n" + restarted.Output);
        var missing = new List<string>();
        foreach (var (requestId, entryId) in answered)
        {
            if (await ScalarAsync($"SELECT COUNT(*) FROM audit_entries WHERE Id = '{entryId}' AND RequestId = '{requestId}' AND Action = 'check'") != 1)
            {
                missing.Add(entryId);
            }
        }

        Assert.Empty(missing);
        var auditor = new AuditService.AuditServiceClient(restarted.CreateChannel(auditorKey));
        var result = await auditor.VerifyAuditLogAsync(new VerifyAuditLogRequest(), cancellationToken: ct);
        Assert.True(result.Ok, result.Message);
        Assert.True(result.EntriesVerified >= answered.Count, $"{result.EntriesVerified} entries verified, {answered.Count} checks answered");
    }

    public ValueTask DisposeAsync() => _replicas.DisposeAsync();

    /// <summary>Grants a consent of 100 uses and checks it until it is used up, again and again, until a call fails.</summary>
    private static async Task<StatusCode> CheckUntilRefusedAsync(
        ServiceProcess service, string key, ConcurrentQueue<(string, string)> answered, CancellationToken ct)
    {
        using var channel = service.CreateChannel(key);
        var consents = new ConsentService.ConsentServiceClient(channel);
        var checks = new CheckService.CheckServiceClient(channel);
        try
        {
            while (true)
            {
                var h1 = TestKeys.NewH1();
                var grant = await consents.GrantConsentAsync(GrantRequest(h1), cancellationToken: ct);
                for (var remaining = 100; remaining > 0;)
                {
                    var request = RegistryScenario.CheckRequest(grant.ConsentId, h1);
                    var response = await checks.CheckAsync(request, cancellationToken: ct);
                    answered.Enqueue((request.RequestId, response.AuditEntryId));
                    remaining = response.ConsentUsesRemaining;
                }
            }
        }
        catch (RpcException ex)
        {
            return ex.StatusCode;
        }
    }

    private static GrantConsentRequest GrantRequest(byte[] h1) => new()
    {
        H1 = Google.Protobuf.ByteString.CopyFrom(h1),
        Purpose = Purpose.DatingSafety,
        Scope = ConsentScope.Presence,
        MaxUses = 100,
        Evidence = new ConsentEvidence
        {
            Kind = EvidenceKind.SmsOtp,
            Reference = "otp",
            CapturedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(TimeProvider.System.GetUtcNow().AddMinutes(-1)),
        },
    };

    private static CreatePartnerRequest NewPartner(Role role)
    {
        var request = new CreatePartnerRequest { Name = $"{role}-{Guid.NewGuid():N}", Role = role };
        if (role == Role.Partner)
        {
            request.AllowedPurposes.Add(Purpose.DatingSafety);
        }

        return request;
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = await _replicas.Database.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }
}
