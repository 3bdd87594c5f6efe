using Grpc.Core;
using Registry.Client.Checks;
using Registry.Client.Consents;
using Registry.Client.Identity;
using Registry.Client.Tests.Infrastructure;
using P = Registry.Protos.V1;

namespace Registry.Client.Tests;

public sealed class RegistryClientCircuitBreakerTests
{
    private static readonly SubjectIdentity Subject = SubjectIdentity.FromIin("900521389141");
    private static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(5);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Check_AfterAnUnavailableStorm_FailsAtOnceWithCircuitOpen()
    {
        await using var host = await RegistryTestHost.StartAsync(Ct);
        host.Checks.OnCheck = (_, _) => throw RpcErrors.Exception(StatusCode.Unavailable, "AUDIT_UNAVAILABLE");
        var sut = CreateSut(host);
        await StormAsync(sut);

        var ex = await Assert.ThrowsAsync<RegistryRequestException>(() => sut.CheckAsync(Subject, "c-1", Purpose.DatingSafety, "r-3", Ct));

        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
        Assert.Equal("CIRCUIT_OPEN", ex.ErrorCode);
        Assert.Equal(BreakDuration, ex.RetryAfter);
        Assert.Equal("r-3", ex.RequestId);
        Assert.Contains("circuit is open", ex.Message, StringComparison.Ordinal);
        Assert.Contains("2000-01-01T00:00:05.000Z", ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, host.Recorder.Calls.Count);
    }

    [Fact]
    public async Task Check_BreakDurationOver_TrialCallGoesThroughAndClosesTheCircuit()
    {
        await using var host = await RegistryTestHost.StartAsync(Ct);
        var isDown = true;
        host.Checks.OnCheck = (_, _) => isDown
            ? throw RpcErrors.Exception(StatusCode.Unavailable, "AUDIT_UNAVAILABLE")
            : Task.FromResult(new P.CheckResponse { Outcome = P.CheckOutcome.NoRecord });
        using var telemetry = new TelemetryCapture();
        var sut = CreateSut(host, telemetry);
        await StormAsync(sut);
        isDown = false;
        await Assert.ThrowsAsync<RegistryRequestException>(() => sut.CheckAsync(Subject, "c-1", Purpose.DatingSafety, "r-3", Ct));

        host.Time.Advance(BreakDuration);
        var trial = await sut.CheckAsync(Subject, "c-1", Purpose.DatingSafety, "r-4", Ct);
        var after = await sut.CheckAsync(Subject, "c-1", Purpose.DatingSafety, "r-5", Ct);

        Assert.Equal(CheckOutcome.NoRecord, trial.Outcome);
        Assert.Equal(CheckOutcome.NoRecord, after.Outcome);
        Assert.Equal(4, host.Recorder.Calls.Count);
        Assert.Equal(
            ["open", "half_open", "closed"],
            telemetry.Of("registry.client.circuit_breaker.transitions").Select(m => m.Tags["registry.circuit_breaker.state"]));
        var rejection = Assert.Single(telemetry.Of("registry.client.circuit_breaker.rejections"));
        Assert.Equal("Check", rejection.Tags["rpc.method"]);
        Assert.Equal([104, 107, 105, 106], telemetry.Logs.Select(l => l.EventId.Id).Where(id => id is >= 104 and <= 107));
    }

    [Fact]
    public async Task Check_TrialCallUnavailable_OpensTheCircuitAgain()
    {
        await using var host = await RegistryTestHost.StartAsync(Ct);
        host.Checks.OnCheck = (_, _) => throw RpcErrors.Exception(StatusCode.Unavailable, "AUDIT_UNAVAILABLE");
        var sut = CreateSut(host);
        await StormAsync(sut);
        host.Time.Advance(BreakDuration);
        var trial = await Assert.ThrowsAsync<RegistryRequestException>(() => sut.CheckAsync(Subject, "c-1", Purpose.DatingSafety, "r-3", Ct));

        var ex = await Assert.ThrowsAsync<RegistryRequestException>(() => sut.CheckAsync(Subject, "c-1", Purpose.DatingSafety, "r-4", Ct));

        Assert.Equal("AUDIT_UNAVAILABLE", trial.ErrorCode);
        Assert.Equal("CIRCUIT_OPEN", ex.ErrorCode);
        Assert.Equal(3, host.Recorder.Calls.Count);
    }

    [Theory]
    [InlineData(StatusCode.PermissionDenied)]
    [InlineData(StatusCode.ResourceExhausted)]
    [InlineData(StatusCode.Internal)]
    public async Task Check_OtherFailures_NeverOpenTheCircuit(StatusCode code)
    {
        await using var host = await RegistryTestHost.StartAsync(Ct);
        host.Checks.OnCheck = (_, _) => throw RpcErrors.Exception(code, "REASON");
        var sut = CreateSut(host);
        await StormAsync(sut);

        var ex = await Assert.ThrowsAnyAsync<RegistryRequestException>(() => sut.CheckAsync(Subject, "c-1", Purpose.DatingSafety, "r-3", Ct));

        Assert.Equal(code, ex.StatusCode);
        Assert.Equal(3, host.Recorder.Calls.Count);
    }

    [Fact]
    public async Task Check_CircuitBreakerDisabled_KeepsCallingTheService()
    {
        await using var host = await RegistryTestHost.StartAsync(Ct);
        host.Checks.OnCheck = (_, _) => throw RpcErrors.Exception(StatusCode.Unavailable, "AUDIT_UNAVAILABLE");
        var sut = CreateSut(host, configure: o => o.EnableCircuitBreaker = false);
        await StormAsync(sut);

        var ex = await Assert.ThrowsAsync<RegistryRequestException>(() => sut.CheckAsync(Subject, "c-1", Purpose.DatingSafety, "r-3", Ct));

        Assert.Equal("AUDIT_UNAVAILABLE", ex.ErrorCode);
        Assert.Equal(3, host.Recorder.Calls.Count);
    }

    // Two attempts, both failed: with a minimum throughput of 2 and a failure ratio of 0.5 the circuit opens.
    private static async Task StormAsync(RegistryClient sut)
    {
        for (var i = 1; i <= 2; i++)
        {
            await Assert.ThrowsAnyAsync<RegistryRequestException>(() => sut.CheckAsync(Subject, "c-1", Purpose.DatingSafety, $"r-{i}", Ct));
        }
    }

    private static RegistryClient CreateSut(RegistryTestHost host, TelemetryCapture? telemetry = null, Action<RegistryClientOptions>? configure = null) =>
        host.CreateClient(o =>
        {
            o.MaxRetries = 0;
            o.CircuitBreakerMinimumThroughput = 2;
            o.CircuitBreakerFailureRatio = 0.5;
            o.CircuitBreakerBreakDuration = BreakDuration;
            o.LoggerFactory = telemetry?.LoggerFactory;
            o.MeterFactory = telemetry?.MeterFactory;
            configure?.Invoke(o);
        });
}
