using System.ComponentModel.DataAnnotations;
using System.Net;
using Google.Rpc;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Registry.Protos.V1;
using Registry.Service.Infrastructure;
using Registry.Service.Partners;
using Registry.Service.Tests.Infrastructure;

namespace Registry.Service.Tests.Partners;

/// <summary>The failure throttle: per key id and per peer, refusing before any BCrypt work, refilled by the clock.</summary>
public sealed class ApiKeyFailureThrottleTests : IDisposable
{
    private const int Burst = 5;

    private readonly RegistryAppFactory _factory = new RegistryAppFactory { ConfigureTestServices = AuthTestServices.UseCountingHasher }
        .With("Registry:ApiKeys:KeyIdFailureBurst", "5")
        .With("Registry:ApiKeys:KeyIdFailuresPerMinute", "6")
        .With("Registry:ApiKeys:PeerFailureBurst", "5")
        .With("Registry:ApiKeys:PeerFailuresPerMinute", "6");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Call_AfterBurstWrongSecretsForOneKeyId_IsThrottledWithoutBcryptUntilTheBucketRefills()
    {
        var key = await new RegistryScenario(_factory).CreatePartnerKeyAsync();
        var forged = new ConsentService.ConsentServiceClient(_factory.CreateChannel(AuthTestServices.WithWrongSecret(key)));
        var sut = _factory.Services.GetRequiredService<ApiKeyVerifier>();
        for (var i = 0; i < Burst; i++)
        {
            await Assert.ThrowsAsync<RegistryException>(() =>
                sut.VerifyAsync("Bearer " + AuthTestServices.WithWrongSecret(key), IPAddress.Parse($"10.0.0.{i + 1}"), Ct));
        }

        var before = _factory.Hasher().Count;

        var throttled = await RpcAssert.FailsAsync(StatusCode.ResourceExhausted, ApiKeyRefusal.ThrottledReason,
            async () => await forged.GetConsentAsync(new GetConsentRequest { ConsentId = "c_x" }, cancellationToken: Ct));

        Assert.Equal(before, _factory.Hasher().Count);
        Assert.InRange(throttled.GetRpcStatus()!.GetDetail<RetryInfo>()!.RetryDelay.ToTimeSpan(), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));
        _factory.Clock.Advance(TimeSpan.FromSeconds(10)); // 6 a minute: one token back
        await RpcAssert.FailsAsync(StatusCode.Unauthenticated, "API_KEY_INVALID",
            async () => await forged.GetConsentAsync(new GetConsentRequest { ConsentId = "c_x" }, cancellationToken: Ct));
        Assert.Equal(before + 1, _factory.Hasher().Count);
    }

    [Fact]
    public async Task VerifyAsync_ThrottledKeyId_StillAcceptsItsRightSecretOnceVerifiedBefore()
    {
        var key = await new RegistryScenario(_factory).CreatePartnerKeyAsync();
        var sut = _factory.Services.GetRequiredService<ApiKeyVerifier>();
        await sut.VerifyAsync("Bearer " + key, Ct);
        for (var i = 0; i < Burst + 3; i++)
        {
            await Assert.ThrowsAnyAsync<RegistryException>(() =>
                sut.VerifyAsync("Bearer " + AuthTestServices.WithWrongSecret(key), IPAddress.Parse($"10.0.1.{i + 1}"), Ct));
        }

        _factory.Clock.Advance(TimeSpan.FromSeconds(6)); // the cache entry expired: verified again, past the empty bucket

        var caller = await sut.VerifyAsync("Bearer " + key, IPAddress.Parse("10.0.1.1"), Ct);

        Assert.Equal(key.Split('_')[1], caller.KeyId);
    }

    [Fact]
    public async Task VerifyAsync_AfterBurstFailuresFromOnePeer_RefusesThatPeerAndItsIpv6Slash64Only()
    {
        var sut = _factory.Services.GetRequiredService<ApiKeyVerifier>();
        for (var i = 0; i < Burst; i++)
        {
            await Assert.ThrowsAsync<RegistryException>(() =>
                sut.VerifyAsync("Bearer " + AuthTestServices.UnknownKey(), IPAddress.Parse($"2001:db8:1:2::{i + 1:x}"), Ct));
        }

        var samePrefix = await Assert.ThrowsAsync<RegistryException>(() =>
            sut.VerifyAsync("Bearer " + AuthTestServices.UnknownKey(), IPAddress.Parse("2001:db8:1:2:ffff::9"), Ct));
        var otherPeer = await Assert.ThrowsAsync<RegistryException>(() =>
            sut.VerifyAsync("Bearer " + AuthTestServices.UnknownKey(), IPAddress.Parse("2001:db8:1:3::1"), Ct));

        Assert.Equal((StatusCode.ResourceExhausted, ApiKeyRefusal.ThrottledReason), (samePrefix.Code, samePrefix.Reason));
        Assert.Equal((StatusCode.Unauthenticated, "API_KEY_INVALID"), (otherPeer.Code, otherPeer.Reason));
    }

    [Theory]
    [InlineData("Registry:ApiKeys:MaxConcurrentVerifications", "0")]
    [InlineData("Registry:ApiKeys:VerificationQueueLimit", "-1")]
    [InlineData("Registry:ApiKeys:KeyIdFailureBurst", "0")]
    [InlineData("Registry:ApiKeys:PeerFailuresPerMinute", "0")]
    [InlineData("Registry:ApiKeys:MaxTrackedFailureSources", "10")]
    [InlineData("Registry:ApiKeys:FailureAuditInterval", "00:00:00")]
    public void Start_WithAnInvalidAuthenticationOption_Fails(string setting, string value)
    {
        using var factory = new RegistryAppFactory().With(setting, value);

        var ex = Assert.ThrowsAny<Exception>(() => factory.Server);

        Assert.Contains(setting.Split(':')[^1], Flatten(ex), StringComparison.Ordinal);
    }

    [Fact]
    public void ApiKeyOptions_Defaults_AreValid()
    {
        var options = new ApiKeyOptions();

        var valid = Validator.TryValidateObject(options, new ValidationContext(options), [], validateAllProperties: true);

        Assert.True(valid);
        Assert.Equal((8, 20, 10, 100, 60, 10_000, TimeSpan.FromMinutes(1)),
            (options.VerificationQueueLimit, options.KeyIdFailureBurst, options.KeyIdFailuresPerMinute, options.PeerFailureBurst,
                options.PeerFailuresPerMinute, options.MaxTrackedFailureSources, options.FailureAuditInterval));
        Assert.InRange(options.MaxConcurrentVerifications, 1, Math.Max(1, Environment.ProcessorCount));
    }

    public void Dispose() => _factory.Dispose();

    private static string Flatten(Exception ex) => ex.InnerException is null ? ex.Message : ex.Message + " " + Flatten(ex.InnerException);
}
