using System.Net;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Registry.Protos.V1;
using Registry.Service.Audit;
using Registry.Service.Infrastructure;
using Registry.Service.Partners;
using Registry.Service.Tests.Audit;
using Registry.Service.Tests.Infrastructure;

namespace Registry.Service.Tests.Partners;

/// <summary>Failed authentications and wrong-role calls: counted in metrics, summarised in the audit log once per interval.</summary>
public sealed class AuthenticationFailureRecordingTests : IDisposable
{
    private readonly RegistryAppFactory _factory = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Refusals_ThroughThePipeline_AreCountedByReason()
    {
        var scenario = new RegistryScenario(_factory);
        var (_, auditorKey) = await scenario.CreatePartnerAsync(Role.Auditor);
        using var failures = new MeterRecorder(_factory, AuthenticationMetrics.FailuresName, "reason");
        var request = new GetConsentRequest { ConsentId = "c_x" };

        await RpcAssert.FailsAsync(StatusCode.Unauthenticated, "API_KEY_MISSING",
            async () => await new ConsentService.ConsentServiceClient(_factory.CreateChannel(null)).GetConsentAsync(request, cancellationToken: Ct));
        await RpcAssert.FailsAsync(StatusCode.Unauthenticated, "API_KEY_INVALID",
            async () => await new ConsentService.ConsentServiceClient(_factory.CreateChannel("garbage")).GetConsentAsync(request, cancellationToken: Ct));
        await RpcAssert.FailsAsync(StatusCode.Unauthenticated, "API_KEY_INVALID",
            async () => await new ConsentService.ConsentServiceClient(_factory.CreateChannel(AuthTestServices.UnknownKey())).GetConsentAsync(request, cancellationToken: Ct));
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, "ROLE_NOT_ALLOWED",
            async () => await scenario.Consents(auditorKey).GetConsentAsync(request, cancellationToken: Ct));

        Assert.Equal(
            new Dictionary<string, long> { ["API_KEY_MISSING"] = 1, ["API_KEY_MALFORMED"] = 1, ["API_KEY_INVALID"] = 1, ["ROLE_NOT_ALLOWED"] = 1 },
            failures.Sums.OrderBy(s => s.Key, StringComparer.Ordinal).ToDictionary());
    }

    [Fact]
    public async Task ThousandsOfFailures_AreOneBoundedAuditEntryPerInterval()
    {
        var scenario = new RegistryScenario(_factory);
        var key = await scenario.CreatePartnerKeyAsync();
        var keyId = key.Split('_')[1];
        var (_, auditorKey) = await scenario.CreatePartnerAsync(Role.Auditor);
        var auditorKeyId = auditorKey.Split('_')[1];
        var sut = _factory.Services.GetRequiredService<ApiKeyVerifier>();
        var unknownKeys = Enumerable.Range(0, 2_560).Select(_ => AuthTestServices.UnknownKey()).ToList();
        var hostile = "Bearer rk_\n;total=999999;keys=" + new string('x', 5_000) + "\r\nauth.failures";

        foreach (var unknown in unknownKeys.Take(2_500))
        {
            await FailAsync(sut, "Bearer " + unknown, "198.51.100.7"); // 100 verified, then throttled by the peer bucket
        }

        for (var i = 0; i < 60; i++)
        {
            await FailAsync(sut, "Bearer " + unknownKeys[2_500 + i], $"203.0.113.{(i / 2) + 1}");
        }

        for (var i = 0; i < 15; i++)
        {
            await FailAsync(sut, "Bearer " + AuthTestServices.WithWrongSecret(key), "192.0.2.1");
        }

        for (var i = 0; i < 500; i++)
        {
            await FailAsync(sut, hostile, "192.0.2.66");
        }

        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, "ROLE_NOT_ALLOWED",
            async () => await scenario.Checks(auditorKey).CheckAsync(RegistryScenario.CheckRequest("c_x", TestKeys.NewH1()), cancellationToken: Ct));
        _factory.Clock.Advance(TimeSpan.FromMinutes(1));
        var entries = await EntriesAsync();
        await Eventually.UntilAsync(async () => (entries = await EntriesAsync()).Count > 0, TimeSpan.FromSeconds(10), () => "an auth.failures entry");

        var entry = Assert.Single(entries);
        var detail = entry.Detail!;
        Assert.InRange(detail.Length, 1, 2_048);
        Assert.Contains(";total=3076;", detail, StringComparison.Ordinal);
        Assert.Contains("AUTH_THROTTLED:2400", detail, StringComparison.Ordinal);
        Assert.Contains("API_KEY_MALFORMED:500", detail, StringComparison.Ordinal);
        Assert.Contains($"{keyId}:15", detail, StringComparison.Ordinal);
        Assert.Contains($"{auditorKeyId}:1", detail, StringComparison.Ordinal);
        Assert.Contains("unattributed=3060;", detail, StringComparison.Ordinal);
        Assert.Contains("198.51.100.7:2500", detail, StringComparison.Ordinal);
        Assert.Contains("peers_other=", detail, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', detail);
        Assert.DoesNotContain("xxxx", detail, StringComparison.Ordinal);
        Assert.DoesNotContain(key.Split('_')[2], detail, StringComparison.Ordinal);
        Assert.DoesNotContain(unknownKeys, u => detail.Contains(u.Split('_')[1], StringComparison.Ordinal));
        Assert.Equal((AuditOutcomes.Refused, AuthenticationFailureAuditor.Reason, null), (entry.Outcome, entry.Reason, entry.PartnerId));
    }

    public void Dispose() => _factory.Dispose();

    private static async Task FailAsync(ApiKeyVerifier sut, string authorization, string peer) =>
        await Assert.ThrowsAsync<RegistryException>(() => sut.VerifyAsync(authorization, IPAddress.Parse(peer), Ct));

    private async Task<List<Service.Audit.AuditEntry>> EntriesAsync()
    {
        using var scope = _factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        return await db.AuditEntries.AsNoTracking().Where(e => e.Action == AuditActions.AuthFailures).ToListAsync(Ct);
    }
}
