using Grpc.Core;
using Grpc.Health.V1;
using Registry.Protos.V1;
using Registry.Service.Tests.Infrastructure;
using static Grpc.Health.V1.HealthCheckResponse.Types;

namespace Registry.Service.Tests.Audit;

/// <summary>
/// Faults injected into the real pipeline's database (<see cref="DatabaseFaults"/>): checks fail closed (UNAVAILABLE
/// AUDIT_UNAVAILABLE, or their deadline when the database hangs) and never answer without their entry; health reports
/// NOT_SERVING while the audit log cannot be written; once the fault clears the service recovers by itself, with no
/// call needed (health's probe writes an <c>audit.resume</c> entry), and the log verifies.
/// </summary>
public sealed class AuditFaultTests : IDisposable
{
    private static readonly TimeSpan HealthTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan AuditCommitTimeout = TimeSpan.FromSeconds(2);
    private readonly DatabaseFaults _faults = new();
    private readonly RegistryAppFactory _factory;
    private readonly RegistryScenario _scenario;
    private readonly AuditTestLog _log;

    public AuditFaultTests()
    {
        _factory = new RegistryAppFactory { ConfigureTestServices = _faults.Register }
            .WithKestrel()
            .With("Registry:Health:RefreshPeriod", "00:00:01")
            .With("Registry:Health:AuditCommitTimeout", AuditCommitTimeout.ToString());
        _scenario = new RegistryScenario(_factory);
        _log = new AuditTestLog(_factory);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory(Timeout = 60_000)]
    [InlineData(DatabaseFault.FailingCommits)]
    [InlineData(DatabaseFault.ReadOnly)]
    [InlineData(DatabaseFault.Full)]
    public async Task Check_DatabaseFault_FailsClosedNotServingAndRecoversByItself(DatabaseFault fault)
    {
        var ct = TestContext.Current.CancellationToken;
        var (checks, consents) = await ArrangeAsync(consents: 4);
        var answered = new List<string>();
        var refused = 0;

        _faults.Inject(fault);
        // A full database still takes entries until a page fills; every other fault refuses the first.
        for (var i = 0; i < 300 && refused < 5; i++)
        {
            var (consentId, h1) = consents[i % consents.Count];
            try
            {
                answered.Add((await checks.CheckAsync(RegistryScenario.CheckRequest(consentId, h1), cancellationToken: ct)).AuditEntryId);
            }
            catch (RpcException ex)
            {
                Assert.Equal((StatusCode.Unavailable, "AUDIT_UNAVAILABLE"), (ex.StatusCode, RpcAssert.Reason(ex)));
                refused++;
            }
        }

        Assert.Equal(5, refused);
        await AssertHealthAsync(ServingStatus.NotServing, "NOT_SERVING while the audit log cannot be written");
        Assert.Equal("ok", await _log.ScalarAsync<string>("PRAGMA integrity_check"));
        _faults.Clear();
        await AssertHealthAsync(ServingStatus.Serving, "SERVING again with no call made, once the fault cleared");
        Assert.Equal(1L, await _log.ScalarAsync<long>("SELECT COUNT(*) FROM audit_entries WHERE Action = 'audit.resume'"));
        answered.Add((await checks.CheckAsync(RegistryScenario.CheckRequest(consents[0].ConsentId, consents[0].H1), cancellationToken: Ct)).AuditEntryId);
        await AssertEveryAnswerHasItsEntryAndTheLogVerifiesAsync(answered);
    }

    [Fact(Timeout = 60_000)]
    public async Task Check_DatabaseHangs_CallsKeepTheirDeadlinesNotServingAndRecoversByItself()
    {
        var ct = TestContext.Current.CancellationToken;
        var (checks, consents) = await ArrangeAsync(consents: 1);
        var (consentId, h1) = consents[0];
        var answered = new List<string>();

        _faults.Inject(DatabaseFault.HangingCommits);
        var held = await Task.WhenAll(Enumerable.Repeat(consentId, 8).Select(async id =>
        {
            try
            {
                await checks.CheckAsync(RegistryScenario.CheckRequest(id, h1),
                    deadline: TimeProvider.System.GetUtcNow().UtcDateTime.AddSeconds(1), cancellationToken: ct);
                return (StatusCode?)null; // an answer: must not happen while no commit completes
            }
            catch (RpcException ex)
            {
                return ex.StatusCode;
            }
        }));

        Assert.All(held, code => Assert.Contains(code, new StatusCode?[] { StatusCode.DeadlineExceeded, StatusCode.Unavailable }));
        Assert.True(_faults.HeldCommits >= 1, "no commit reached the database");
        _factory.Clock.Advance(AuditCommitTimeout + TimeSpan.FromSeconds(1));
        await AssertHealthAsync(ServingStatus.NotServing, "NOT_SERVING while an audit commit hangs");
        _faults.Clear();
        await AssertHealthAsync(ServingStatus.Serving, "SERVING again once the held commit completed");
        answered.Add((await checks.CheckAsync(RegistryScenario.CheckRequest(consentId, h1), cancellationToken: Ct)).AuditEntryId);
        await AssertEveryAnswerHasItsEntryAndTheLogVerifiesAsync(answered);
    }

    public void Dispose()
    {
        _faults.Clear();
        _factory.Dispose();
    }

    private async Task<(CheckService.CheckServiceClient Checks, List<(string ConsentId, byte[] H1)> Consents)> ArrangeAsync(int consents)
    {
        var key = await _scenario.CreatePartnerKeyAsync();
        var granted = new List<(string, byte[])>();
        for (var i = 0; i < consents; i++)
        {
            var h1 = TestKeys.NewH1();
            granted.Add((await _scenario.GrantAsync(key, h1, maxUses: 100), h1));
        }

        await AssertHealthAsync(ServingStatus.Serving, "SERVING before the fault");
        return (_scenario.Checks(key), granted);
    }

    private async Task AssertHealthAsync(ServingStatus expected, string what)
    {
        var health = new Health.HealthClient(_factory.CreateChannel(null));
        using var http = new HttpClient { BaseAddress = _factory.BaseAddress };
        await Eventually.UntilAsync(async () =>
            (await health.CheckAsync(new HealthCheckRequest(), cancellationToken: Ct)).Status == expected
            && (await health.CheckAsync(new HealthCheckRequest { Service = "registry.v1.CheckService" }, cancellationToken: Ct)).Status == expected
            && (await HttpHealthAsync(http)) == (expected == ServingStatus.Serving ? 200 : 503),
            HealthTimeout, () => $"health {what}");
    }

    private static async Task<int> HttpHealthAsync(HttpClient http)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/healthz") { Version = new Version(2, 0), VersionPolicy = HttpVersionPolicy.RequestVersionExact };
        using var response = await http.SendAsync(request, Ct);
        return (int)response.StatusCode;
    }

    private async Task AssertEveryAnswerHasItsEntryAndTheLogVerifiesAsync(List<string> answered)
    {
        foreach (var id in answered)
        {
            Assert.Equal(1L, await _log.ScalarAsync<long>($"SELECT COUNT(*) FROM audit_entries WHERE Id = '{id}' AND Action = 'check'"));
        }

        var auditor = await _log.AuditorAsync();
        await _log.SequenceAsync();
        var result = await auditor.VerifyAuditLogAsync(new VerifyAuditLogRequest(), cancellationToken: Ct);
        Assert.True(result.Ok, result.Message);
        Assert.Equal(await _log.ScalarAsync<long>("SELECT COUNT(*) FROM audit_entries WHERE Sequence IS NOT NULL"), result.EntriesVerified);
        Assert.Equal("ok", await _log.ScalarAsync<string>("PRAGMA integrity_check"));
    }
}
