using Registry.Client;
using Registry.Client.Checks;
using Registry.Client.Consents;
using Registry.Client.Identity;
using Registry.Service.Tests.Audit;
using Registry.Service.Tests.Infrastructure;
using Role = Registry.Protos.V1.Role;
using ProtoPurpose = Registry.Protos.V1.Purpose;

namespace Registry.Service.Tests.Sdk;

/// <summary>The SDK's retry of a check whose response was lost, against the real service: the server gives the repeated
/// request id the first answer again without using the consent again, so the audit log holds one entry for the check.</summary>
public sealed class SdkCheckRetryTests : IDisposable
{
    private const string CheckPath = "/registry.v1.CheckService/Check";

    private readonly RegistryAppFactory _factory = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task CheckAsync_FirstResponseLostAfterTheServerAnswered_IsRetriedWithTheSameIdAndAuditedOnce()
    {
        var (_, key) = await new RegistryScenario(_factory).CreatePartnerAsync(Role.Partner, ProtoPurpose.DatingSafety);
        var lossy = new LoseFirstCheckResponseHandler { InnerHandler = _factory.Server.CreateHandler() };
        using var sut = new RegistryClient(_factory.Server.BaseAddress, new RegistryApiKeyCredential(key),
            new RegistryClientOptions { HttpHandler = lossy, RetryBaseDelay = TimeSpan.Zero, TimeProvider = _factory.Clock });
        var subject = SubjectIdentity.FromIin("900521389141");
        var evidence = new ConsentEvidence(EvidenceKind.SmsOtp, "otp-" + Guid.NewGuid().ToString("N"), _factory.Clock.GetUtcNow().AddMinutes(-1));
        var consent = await sut.GrantConsentAsync(subject, Purpose.DatingSafety, ConsentScope.Presence, evidence, maxUses: 3, cancellationToken: Ct);
        var requestId = "sdk-retry-" + Guid.NewGuid().ToString("N");

        var result = await sut.CheckAsync(subject, consent.ConsentId, Purpose.DatingSafety, requestId, Ct);

        Assert.Equal(2, lossy.CheckAttempts);
        Assert.Equal(requestId, result.RequestId);
        Assert.Equal(CheckOutcome.NoRecord, result.Outcome);
        Assert.Equal(2, result.ConsentUsesRemaining);
        Assert.Equal(1, (await sut.GetConsentAsync(consent.ConsentId, Ct)).Uses);
        // The retry was given the first attempt's answer under its entry: the check is audited once.
        var entries = await new AuditTestLog(_factory).RowsAsync($"Action = 'check' AND RequestId = '{requestId}'");
        Assert.Equal(result.AuditEntryId, Assert.Single(entries)["Id"]);
    }

    /// <summary>Lets the first check reach the server and read its whole answer, then reports the connection as lost
    /// (gRPC's UNAVAILABLE), as a proxy or a network failure would after the service had acted.</summary>
    private sealed class LoseFirstCheckResponseHandler : DelegatingHandler
    {
        private int _checkAttempts;

        public int CheckAttempts => _checkAttempts;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (request.RequestUri?.AbsolutePath != CheckPath || Interlocked.Increment(ref _checkAttempts) != 1)
            {
                return response;
            }

            using (response)
            {
                // Reading to the end means the server finished the call: the check was answered and audited.
                await response.Content.ReadAsByteArrayAsync(cancellationToken);
            }

            throw new HttpRequestException("The connection was lost after the server answered.", new IOException("Connection reset by peer."));
        }
    }
}
