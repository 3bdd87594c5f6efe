using Grpc.Core;
using Microsoft.Extensions.Logging;
using Registry.Client.Consents;
using Registry.Client.Identity;
using Registry.Client.Tests.Infrastructure;
using P = Registry.Protos.V1;

namespace Registry.Client.Tests;

public sealed class RegistryClientTelemetryTests
{
    private static readonly SubjectIdentity Subject = SubjectIdentity.FromIin("900521389141");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Check_RetriedAfterUnavailable_CountsAndLogsEachRetryWithoutSecrets()
    {
        await using var host = await RegistryTestHost.StartAsync(Ct);
        var attempts = 0;
        host.Checks.OnCheck = (_, _) => ++attempts <= 2
            ? throw RpcErrors.Exception(StatusCode.Unavailable, "AUDIT_UNAVAILABLE")
            : Task.FromResult(new P.CheckResponse { Outcome = P.CheckOutcome.NoRecord });
        using var telemetry = new TelemetryCapture();
        var sut = host.CreateClient(o => (o.RetryBaseDelay, o.LoggerFactory, o.MeterFactory) = (TimeSpan.Zero, telemetry.LoggerFactory, telemetry.MeterFactory));

        await sut.CheckAsync(Subject, "c-1", Purpose.DatingSafety, "req-telemetry", Ct);

        var retries = telemetry.Of("registry.client.retries");
        Assert.Equal(2, retries.Count);
        Assert.All(retries, m =>
        {
            Assert.Equal(RegistryClientOptions.MeterName, m.Meter);
            Assert.Equal(new Dictionary<string, string?> { ["rpc.method"] = "Check", ["rpc.grpc.status_code"] = "UNAVAILABLE" }, m.Tags);
        });
        var logged = telemetry.Logs.Where(l => l.EventId.Id == 101).ToArray();
        Assert.Equal(2, logged.Length);
        Assert.All(logged, l => Assert.Equal(("Registry.Client.RegistryClient", LogLevel.Warning, "RetryScheduled"), (l.Category, l.Level, l.EventId.Name)));
        Assert.Contains("Check failed with UNAVAILABLE; retry 2", logged[1].Message, StringComparison.Ordinal);
        Assert.DoesNotContain(telemetry.Logs, l => l.Message.Contains(RegistryTestHost.ApiKey[11..], StringComparison.Ordinal)
            || l.Message.Contains("900521389141", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GrantConsent_AttemptTimesOut_CountsAndLogsAnAttemptTimeout()
    {
        await using var host = await RegistryTestHost.StartAsync(Ct);
        host.Consents.OnGrantConsent = (_, context) => RegistryTestHost.HangAsync<P.GrantConsentResponse>(context);
        using var telemetry = new TelemetryCapture();
        var sut = host.CreateClient(o => (o.AttemptTimeout, o.LoggerFactory, o.MeterFactory) =
            (TimeSpan.FromSeconds(1), telemetry.LoggerFactory, telemetry.MeterFactory));
        var evidence = new ConsentEvidence(EvidenceKind.SmsOtp, "otp", host.Time.GetUtcNow());
        var call = sut.GrantConsentAsync(Subject, Purpose.DatingSafety, ConsentScope.Presence, evidence, cancellationToken: Ct);
        await host.Recorder.WaitForCallsAsync(1, Ct);

        host.Time.Advance(TimeSpan.FromSeconds(1));
        await Assert.ThrowsAsync<RegistryRequestException>(() => call);

        var timeout = Assert.Single(telemetry.Of("registry.client.timeouts"));
        Assert.Equal(("attempt", "GrantConsent"), (timeout.Tags["registry.timeout"], timeout.Tags["rpc.method"]));
        Assert.Contains(telemetry.Logs, l => l.EventId.Name == "AttemptTimedOut" && l.Message.Contains("GrantConsent", StringComparison.Ordinal));
        Assert.Empty(telemetry.Of("registry.client.retries"));
    }

    [Fact]
    public async Task ListPartners_TotalTimeoutExpires_CountsACallTimeout()
    {
        await using var host = await RegistryTestHost.StartAsync(Ct);
        host.Admin.OnListPartners = (_, context) => RegistryTestHost.HangAsync<P.ListPartnersResponse>(context);
        using var telemetry = new TelemetryCapture();
        var sut = host.CreateClient(o => (o.Timeout, o.AttemptTimeout, o.LoggerFactory, o.MeterFactory) =
            (TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2), telemetry.LoggerFactory, telemetry.MeterFactory));
        var call = sut.ListPartnersAsync(Ct);
        await host.Recorder.WaitForCallsAsync(1, Ct);

        host.Time.Advance(TimeSpan.FromSeconds(2));
        await Assert.ThrowsAsync<RegistryRequestException>(() => call);

        Assert.Contains(telemetry.Of("registry.client.timeouts"), m => m.Tags["registry.timeout"] == "call" && m.Tags["rpc.method"] == "ListPartners");
        Assert.Contains(telemetry.Logs, l => l.EventId.Id == 103);
    }
}
