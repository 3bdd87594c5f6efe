using System.Diagnostics;
using Grpc.Core;
using Registry.Protos.V1;
using Registry.Service.Tests.Audit;
using Registry.Service.Tests.Infrastructure;

namespace Registry.Service.Tests.Partners;

/// <summary>A flood of wrong keys through the real gRPC pipeline cannot starve a valid partner (OWASP API2/API4).</summary>
public sealed class AuthenticationFloodTests
{
    private const int FloodSize = 60;
    private const int Width = 2;
    private const int Queue = 4;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Flood_OfWrongKeys_ValidPartnersKeepBeingAnsweredAndTheRestIsRefusedAtOnce()
    {
        using var factory = new RegistryAppFactory { ConfigureTestServices = AuthTestServices.UseCountingHasher }
            .With("Registry:ApiKeys:MaxConcurrentVerifications", Width.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .With("Registry:ApiKeys:VerificationQueueLimit", Queue.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var scenario = new RegistryScenario(factory);
        var key = await scenario.CreatePartnerKeyAsync();
        var consents = scenario.Consents(key);
        var consentId = await scenario.GrantAsync(key, TestKeys.NewH1()); // verifies and caches the key
        using var hold = new ManualResetEventSlim(false);
        factory.Hasher().HoldWrongSecrets = hold; // every wrong-secret BCrypt run now occupies its slot until released
        var floodKeys = Enumerable.Range(0, FloodSize)
            .Select(i => i % 6 == 0 ? AuthTestServices.WithWrongSecret(key) : AuthTestServices.UnknownKey()).ToList();

        var flood = floodKeys.Select(k => Task.Run(() => CallAsync(new ConsentService.ConsentServiceClient(factory.CreateChannel(k)), consentId), Ct)).ToList();
        await Eventually.UntilAsync(() => Task.FromResult(factory.Hasher().Held == Width && flood.Count(t => t.IsCompleted) == FloodSize - Width - Queue),
            TimeSpan.FromSeconds(20), () => $"{factory.Hasher().Held} held, {flood.Count(t => t.IsCompleted)} refused");
        var latencies = new List<TimeSpan>();
        for (var i = 0; i < 20; i++)
        {
            var started = Stopwatch.GetTimestamp();
            Assert.Equal(StatusCode.OK, await CallAsync(consents, consentId));
            latencies.Add(Stopwatch.GetElapsedTime(started));
        }

        factory.Clock.Advance(TimeSpan.FromSeconds(6)); // the cache entry expires: re-verified in the known lane, not behind the flood
        var afterExpiry = await CallAsync(consents, consentId);
        var stillHeld = factory.Hasher().Held;
        hold.Set();
        var outcomes = await Task.WhenAll(flood);
        TestContext.Current.TestOutputHelper?.WriteLine($"cached calls during the flood: max {latencies.Max().TotalMilliseconds:0.0} ms, median {latencies.Order().ElementAt(10).TotalMilliseconds:0.0} ms");

        Assert.Equal(StatusCode.OK, afterExpiry);
        Assert.Equal(Width, stillHeld);
        Assert.InRange(latencies.Max(), TimeSpan.Zero, TimeSpan.FromSeconds(5)); // generous for a loaded machine: the flood is held until after these calls
        Assert.Equal(FloodSize - Width - Queue, outcomes.Count(o => o == StatusCode.ResourceExhausted));
        Assert.Equal(Width + Queue, outcomes.Count(o => o == StatusCode.Unauthenticated));
    }

    private static async Task<StatusCode> CallAsync(ConsentService.ConsentServiceClient client, string consentId)
    {
        try
        {
            await client.GetConsentAsync(new GetConsentRequest { ConsentId = consentId }, cancellationToken: Ct);
            return StatusCode.OK;
        }
        catch (RpcException ex)
        {
            return ex.StatusCode;
        }
    }
}
