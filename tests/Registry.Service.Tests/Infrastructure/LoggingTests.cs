using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Registry.Protos.V1;

namespace Registry.Service.Tests.Infrastructure;

/// <summary>Logs never contain API keys, secrets, h1 values or raw identifiers (spec §7).</summary>
public sealed class LoggingTests
{
    [Fact]
    public async Task Logs_AfterKeysConsentsChecksAndFailures_ContainNoKeyNoSecretAndNoH1()
    {
        var logs = new CapturingLoggerProvider();
        using var factory = new RegistryAppFactory
        {
            ConfigureTestServices = services => services.AddSingleton<ILoggerProvider>(logs),
        };
        var scenario = new RegistryScenario(factory);
        var ct = TestContext.Current.CancellationToken;
        var key = await scenario.CreatePartnerKeyAsync();
        var h1 = TestKeys.NewH1();
        await scenario.SeedRecordAsync(h1, Records.RecordCategory.CriminalConviction, Records.RecordStatus.Active, new DateOnly(2025, 1, 1));
        var consentId = await scenario.GrantAsync(key, h1);
        await scenario.Checks(key).CheckAsync(RegistryScenario.CheckRequest(consentId, h1), cancellationToken: ct);
        await Assert.ThrowsAsync<RpcException>(async () =>
            await scenario.Checks(key).CheckAsync(RegistryScenario.CheckRequest(consentId, h1), cancellationToken: ct));
        var forged = key[..^8] + "00000000";
        await Assert.ThrowsAsync<RpcException>(async () =>
            await scenario.Consents(forged).GetConsentAsync(new GetConsentRequest { ConsentId = consentId }, cancellationToken: ct));
        await Assert.ThrowsAsync<RpcException>(async () =>
            await scenario.Consents(key).GrantConsentAsync(scenario.GrantRequest(new byte[31]), cancellationToken: ct));

        var secrets = new[]
        {
            key, key.Split('_')[2], forged.Split('_')[2], factory.AdminApiKey, factory.AdminApiKey.Split('_')[2],
            Convert.ToHexString(h1), Convert.ToHexStringLower(h1), Convert.ToBase64String(h1), TestKeys.SubjectKeySecret,
        };

        Assert.NotEmpty(logs.Lines);
        Assert.All(logs.Lines, line => Assert.DoesNotContain(secrets, s => line.Contains(s, StringComparison.Ordinal)));
    }
}
