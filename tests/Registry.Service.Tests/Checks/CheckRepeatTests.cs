using Grpc.Core;
using Registry.Protos.V1;
using Registry.Service.Tests.Infrastructure;

namespace Registry.Service.Tests.Checks;

/// <summary>A retried check (same request id) is answered again without using the consent again.</summary>
public sealed class CheckRepeatTests(RegistryAppFactory factory) : IClassFixture<RegistryAppFactory>
{
    private readonly RegistryScenario _scenario = new(factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Check_SameRequestIdTwice_UsesTheConsentOnce()
    {
        var key = await _scenario.CreatePartnerKeyAsync();
        var h1 = TestKeys.NewH1();
        var consentId = await _scenario.GrantAsync(key, h1, maxUses: 3);
        var request = RegistryScenario.CheckRequest(consentId, h1);
        var first = await _scenario.Checks(key).CheckAsync(request, cancellationToken: Ct);

        var again = await _scenario.Checks(key).CheckAsync(request, cancellationToken: Ct);

        Assert.Equal(first.Outcome, again.Outcome);
        Assert.Equal(2, first.ConsentUsesRemaining);
        Assert.Equal(2, again.ConsentUsesRemaining);
        Assert.NotEqual(first.AuditEntryId, again.AuditEntryId);
        var consent = await _scenario.Consents(key).GetConsentAsync(new GetConsentRequest { ConsentId = consentId }, cancellationToken: Ct);
        Assert.Equal(1, consent.Consent.Uses);
    }

    [Fact]
    public async Task Check_RetryAfterTheLastUse_IsAnsweredNotRefused()
    {
        var key = await _scenario.CreatePartnerKeyAsync();
        var h1 = TestKeys.NewH1();
        var consentId = await _scenario.GrantAsync(key, h1, maxUses: 1);
        var request = RegistryScenario.CheckRequest(consentId, h1);
        await _scenario.Checks(key).CheckAsync(request, cancellationToken: Ct);

        var retried = await _scenario.Checks(key).CheckAsync(request, cancellationToken: Ct);

        Assert.Equal(CheckOutcome.NoRecord, retried.Outcome);
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, "CONSENT_USED_UP",
            async () => await _scenario.Checks(key).CheckAsync(RegistryScenario.CheckRequest(consentId, h1), cancellationToken: Ct));
    }

    [Fact]
    public async Task Check_RetryAfterRevocation_IsRefused()
    {
        var key = await _scenario.CreatePartnerKeyAsync();
        var h1 = TestKeys.NewH1();
        var consentId = await _scenario.GrantAsync(key, h1, maxUses: 2);
        var request = RegistryScenario.CheckRequest(consentId, h1);
        await _scenario.Checks(key).CheckAsync(request, cancellationToken: Ct);
        await _scenario.Consents(key).RevokeConsentAsync(new RevokeConsentRequest { ConsentId = consentId }, cancellationToken: Ct);

        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, "CONSENT_REVOKED",
            async () => await _scenario.Checks(key).CheckAsync(request, cancellationToken: Ct));
    }

    [Fact]
    public async Task Check_RetryOfAnEarlierCheckAfterANewerOne_UsesTheConsentAgain()
    {
        var key = await _scenario.CreatePartnerKeyAsync();
        var h1 = TestKeys.NewH1();
        var consentId = await _scenario.GrantAsync(key, h1, maxUses: 3);
        var first = RegistryScenario.CheckRequest(consentId, h1);
        await _scenario.Checks(key).CheckAsync(first, cancellationToken: Ct);
        await _scenario.Checks(key).CheckAsync(RegistryScenario.CheckRequest(consentId, h1), cancellationToken: Ct);

        var late = await _scenario.Checks(key).CheckAsync(first, cancellationToken: Ct);

        Assert.Equal(0, late.ConsentUsesRemaining);
    }
}
