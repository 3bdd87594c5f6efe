using Grpc.Core;
using Registry.Client;
using Registry.Client.Checks;
using Registry.Client.Consents;
using Registry.Client.Identity;
using Registry.Service.Tests.Infrastructure;
using ProtoPurpose = Registry.Protos.V1.Purpose;
using Role = Registry.Protos.V1.Role;

namespace Registry.Service.Tests.Sdk;

/// <summary>
/// The SDK against the service's real partner quota (a bucket of 100 refilled at 1 permit a second here, on the real clock,
/// as the limiter runs): a refusal whose RetryInfo delay fits in the call's budget is waited out and the call answered; one
/// whose delay does not fit surfaces at once as RESOURCE_EXHAUSTED with <see cref="RegistryRequestException.RetryAfter"/>.
/// </summary>
public sealed class SdkQuotaTests : IDisposable
{
    private const string CheckPath = "/registry.v1.CheckService/Check";
    private const string CheckBatchPath = "/registry.v1.CheckService/CheckBatch";

    private readonly RegistryAppFactory _factory = new RegistryAppFactory()
        .With("Registry:Quotas:PermitsPerSecond", "1")
        .With("Registry:Quotas:Burst", "100");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task CheckAsync_OverTheQuotaWithARetryInfoWithinTheBudget_WaitsItOutAndIsAnswered()
    {
        var partner = await DrainedPartnerAsync(new RegistryClientOptions { Timeout = TimeSpan.FromSeconds(30) });
        using var sdk = partner.Sdk;

        // The bucket is empty: the SDK's check is refused (1 permit comes back within a second), waits the RetryInfo delay and
        // is answered. A refill landing between the drain and the call lets that call through at once and spends the permit,
        // so the next one meets the refusal: a few calls at most until one had to wait.
        var waitedAndAnswered = false;
        for (var call = 0; call < 5 && !waitedAndAnswered; call++)
        {
            var attemptsBefore = partner.Attempts.Count(CheckPath);
            var result = await sdk.CheckAsync(partner.Subject, partner.ConsentId, Purpose.DatingSafety, requestId: null, Ct);

            Assert.Equal(CheckOutcome.NoRecord, result.Outcome);
            waitedAndAnswered = partner.Attempts.Count(CheckPath) - attemptsBefore >= 2;
        }

        Assert.True(waitedAndAnswered, "no SDK check was refused by the quota and then answered on a retry");
    }

    [Fact]
    public async Task CheckBatchAsync_OverTheQuotaWithARetryInfoBeyondTheBudget_SurfacesResourceExhaustedWithRetryAfterAtOnce()
    {
        var budget = TimeSpan.FromSeconds(5);
        var partner = await DrainedPartnerAsync(new RegistryClientOptions { Timeout = budget, AttemptTimeout = budget });
        using var sdk = partner.Sdk;
        // 50 items cost 50 permits: at 1 a second the service's RetryInfo is about 50 s, far past the 5 s budget.
        var items = Enumerable.Range(0, 50).Select(_ => new CheckItem(partner.Subject, partner.ConsentId, Purpose.DatingSafety)).ToArray();
        var started = TimeProvider.System.GetTimestamp();

        var refused = await Assert.ThrowsAsync<RegistryRequestException>(() => sdk.CheckBatchAsync(items, Ct));

        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        Assert.Equal("QUOTA_EXCEEDED", refused.ErrorCode);
        Assert.NotNull(refused.RetryAfter);
        Assert.True(refused.RetryAfter > budget, $"RetryAfter {refused.RetryAfter} is within the budget");
        Assert.Equal(1, partner.Attempts.Count(CheckBatchPath));
        Assert.True(TimeProvider.System.GetElapsedTime(started) < budget, "the refusal was not surfaced at once");
    }

    /// <summary>A partner whose bucket has just run out (raw gRPC checks until the first QUOTA_EXCEEDED), with an SDK client
    /// for it that counts its attempts, and a consent of 100 uses that the drain did not touch.</summary>
    private async Task<DrainedPartner> DrainedPartnerAsync(RegistryClientOptions options)
    {
        var scenario = new RegistryScenario(_factory);
        var (_, key) = await scenario.CreatePartnerAsync(Role.Partner, ProtoPurpose.DatingSafety);
        var attempts = new AttemptCounter { InnerHandler = _factory.Server.CreateHandler() };
        options.HttpHandler = attempts;
        options.TimeProvider = TimeProvider.System; // the quota's limiter refills on the real clock
        var sdk = new RegistryClient(_factory.Server.BaseAddress, new RegistryApiKeyCredential(key), options);
        var subject = SubjectIdentity.FromIin("900521389141");
        var evidence = new ConsentEvidence(EvidenceKind.SmsOtp, "otp-" + Guid.NewGuid().ToString("N"), _factory.Clock.GetUtcNow().AddMinutes(-1));
        var consent = await sdk.GrantConsentAsync(subject, Purpose.DatingSafety, ConsentScope.Presence, evidence, maxUses: 100, cancellationToken: Ct);

        var h1 = TestKeys.NewH1();
        var drain = new[]
        {
            await scenario.GrantAsync(key, h1, maxUses: 100), await scenario.GrantAsync(key, h1, maxUses: 100), await scenario.GrantAsync(key, h1, maxUses: 100),
        };
        var checks = scenario.Checks(key);
        for (var i = 0; i < 300; i++)
        {
            try
            {
                await checks.CheckAsync(RegistryScenario.CheckRequest(drain[i % drain.Length], h1), cancellationToken: Ct);
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.ResourceExhausted && RpcAssert.Reason(ex) == "QUOTA_EXCEEDED")
            {
                return new DrainedPartner(sdk, subject, consent.ConsentId, attempts);
            }
        }

        throw new InvalidOperationException("The partner's bucket never ran out in 300 checks.");
    }

    private sealed record DrainedPartner(RegistryClient Sdk, SubjectIdentity Subject, string ConsentId, AttemptCounter Attempts);

    /// <summary>Counts the HTTP/2 requests the SDK sends, by path: one per attempt.</summary>
    private sealed class AttemptCounter : DelegatingHandler
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

        public int Count(string path) => _counts.GetValueOrDefault(path);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            _counts.AddOrUpdate(request.RequestUri?.AbsolutePath ?? "", 1, (_, n) => n + 1);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
