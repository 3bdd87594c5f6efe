using Grpc.Core;
using Registry.Client.Checks;
using Registry.Client.Consents;
using Registry.Client.Identity;
using Registry.Client.Tests.Infrastructure;
using P = Registry.Protos.V1;

namespace Registry.Client.Tests;

public sealed class RegistryClientResilienceTests
{
    private static readonly SubjectIdentity Subject = SubjectIdentity.FromIin("900521389141");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Check_UnavailableTwice_RetriesWithTheSameRequestId()
    {
        await using var host = await RegistryTestHost.StartAsync(Ct);
        var attempts = 0;
        host.Checks.OnCheck = (_, _) => ++attempts <= 2
            ? throw RpcErrors.Exception(StatusCode.Unavailable, "AUDIT_UNAVAILABLE")
            : Task.FromResult(new P.CheckResponse { Outcome = P.CheckOutcome.NoRecord, AuditEntryId = "a-3" });
        var sut = host.CreateClient(o => o.RetryBaseDelay = TimeSpan.Zero);

        var result = await sut.CheckAsync(Subject, "c-1", Purpose.DatingSafety, cancellationToken: Ct);

        var sent = host.Recorder.RequestsOf<P.CheckRequest>();
        Assert.Equal(3, sent.Count);
        Assert.Single(sent.Select(r => r.RequestId).Distinct());
        Assert.Equal(sent[0].RequestId, result.RequestId);
        Assert.Equal("a-3", result.AuditEntryId);
    }

    [Fact]
    public async Task Check_UnavailableEveryTime_GivesUpAfterMaxRetries()
    {
        await using var host = await RegistryTestHost.StartAsync(Ct);
        host.Checks.OnCheck = (_, _) => throw RpcErrors.Exception(StatusCode.Unavailable, "AUDIT_UNAVAILABLE");
        var sut = host.CreateClient(o => (o.RetryBaseDelay, o.MaxRetries) = (TimeSpan.Zero, 2));

        var ex = await Assert.ThrowsAsync<RegistryRequestException>(() => sut.CheckAsync(Subject, "c-1", Purpose.DatingSafety, "r", Ct));

        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
        Assert.Equal("AUDIT_UNAVAILABLE", ex.ErrorCode);
        Assert.Equal(3, host.Recorder.Calls.Count);
    }

    [Fact]
    public async Task Check_ConcurrentRequestOnce_RetriesWithTheSameRequestId()
    {
        await using var host = await RegistryTestHost.StartAsync(Ct);
        var attempts = 0;
        host.Checks.OnCheck = (_, _) => ++attempts == 1
            ? throw RpcErrors.Exception(StatusCode.Aborted, "CONCURRENT_REQUEST")
            : Task.FromResult(new P.CheckResponse { Outcome = P.CheckOutcome.RecordFound, AuditEntryId = "a-2" });
        var sut = host.CreateClient(o => o.RetryBaseDelay = TimeSpan.Zero);

        var result = await sut.CheckAsync(Subject, "c-1", Purpose.DatingSafety, "req-race", Ct);

        var sent = host.Recorder.RequestsOf<P.CheckRequest>();
        Assert.Equal(2, sent.Count);
        Assert.All(sent, r => Assert.Equal("req-race", r.RequestId));
        Assert.Equal("a-2", result.AuditEntryId);
    }

    [Fact]
    public async Task Check_ConcurrentRequestEveryTime_GivesUpAfterMaxRetriesWithTheConflict()
    {
        await using var host = await RegistryTestHost.StartAsync(Ct);
        host.Checks.OnCheck = (_, _) => throw RpcErrors.Exception(StatusCode.Aborted, "CONCURRENT_REQUEST");
        var sut = host.CreateClient(o => (o.RetryBaseDelay, o.MaxRetries) = (TimeSpan.Zero, 2));

        var ex = await Assert.ThrowsAsync<RegistryConflictException>(() => sut.CheckAsync(Subject, "c-1", Purpose.DatingSafety, "r", Ct));

        Assert.Equal(StatusCode.Aborted, ex.StatusCode);
        Assert.Equal("CONCURRENT_REQUEST", ex.ErrorCode);
        Assert.Equal(3, host.Recorder.Calls.Count);
    }

    [Fact]
    public async Task GrantConsent_ConcurrentRequest_IsNotRepeated()
    {
        await using var host = await RegistryTestHost.StartAsync(Ct);
        host.Consents.OnGrantConsent = (_, _) => throw RpcErrors.Exception(StatusCode.Aborted, "CONCURRENT_REQUEST");
        var sut = host.CreateClient(o => o.RetryBaseDelay = TimeSpan.Zero);
        var evidence = new ConsentEvidence(EvidenceKind.SmsOtp, "otp", host.Time.GetUtcNow());

        await Assert.ThrowsAsync<RegistryConflictException>(
            () => sut.GrantConsentAsync(Subject, Purpose.DatingSafety, ConsentScope.Presence, evidence, cancellationToken: Ct));

        Assert.Single(host.Recorder.Calls);
    }

    [Theory]
    [InlineData(StatusCode.Aborted)]
    [InlineData(StatusCode.PermissionDenied)]
    [InlineData(StatusCode.InvalidArgument)]
    [InlineData(StatusCode.Internal)]
    [InlineData(StatusCode.DeadlineExceeded)]
    public async Task Check_NonTransientFailure_IsNotRetried(StatusCode code)
    {
        await using var host = await RegistryTestHost.StartAsync(Ct);
        host.Checks.OnCheck = (_, _) => throw RpcErrors.Exception(code, "REASON");
        var sut = host.CreateClient(o => o.RetryBaseDelay = TimeSpan.Zero);

        var ex = await Assert.ThrowsAnyAsync<RegistryRequestException>(() => sut.CheckAsync(Subject, "c-1", Purpose.DatingSafety, "r", Ct));

        Assert.Equal(code, ex.StatusCode);
        Assert.Single(host.Recorder.Calls);
    }

    [Fact]
    public async Task Check_ResourceExhaustedWithRetryInfo_RetriesOnlyAfterTheServerDelay()
    {
        await using var host = await RegistryTestHost.StartAsync(Ct);
        var retryDelay = TimeSpan.FromSeconds(5);
        var attempts = 0;
        host.Checks.OnCheck = (_, _) => ++attempts == 1
            ? throw RpcErrors.Exception(StatusCode.ResourceExhausted, "QUOTA_EXCEEDED", retryDelay: retryDelay)
            : Task.FromResult(new P.CheckResponse { Outcome = P.CheckOutcome.RecordFound });
        var sut = host.CreateClient();
        var call = sut.CheckAsync(Subject, "c-1", Purpose.DatingSafety, "req-q", Ct);
        await host.Time.WaitForTimerAsync(retryDelay, Ct);
        var callsWhileWaiting = host.Recorder.Calls.Count;

        host.Time.Advance(retryDelay);
        var result = await call;

        Assert.Equal(1, callsWhileWaiting);
        Assert.Equal(CheckOutcome.RecordFound, result.Outcome);
        var received = host.Recorder.Calls;
        Assert.Equal(2, received.Count);
        Assert.Equal(retryDelay, received[1].ReceivedAt - received[0].ReceivedAt);
        Assert.All(host.Recorder.RequestsOf<P.CheckRequest>(), r => Assert.Equal("req-q", r.RequestId));
    }

    [Fact]
    public async Task Check_UnavailableWithRetryInfo_RetriesOnlyAfterTheServerDelay()
    {
        await using var host = await RegistryTestHost.StartAsync(Ct);
        var retryDelay = TimeSpan.FromSeconds(1);
        var attempts = 0;
        host.Checks.OnCheck = (_, _) => ++attempts == 1
            ? throw RpcErrors.Exception(StatusCode.Unavailable, "AUDIT_UNAVAILABLE", retryDelay: retryDelay)
            : Task.FromResult(new P.CheckResponse { Outcome = P.CheckOutcome.NoRecord });
        var sut = host.CreateClient(o => o.RetryBaseDelay = TimeSpan.Zero);
        var call = sut.CheckAsync(Subject, "c-1", Purpose.DatingSafety, "req-u", Ct);
        await host.Time.WaitForTimerAsync(retryDelay, Ct);
        var callsWhileWaiting = host.Recorder.Calls.Count;

        host.Time.Advance(retryDelay);
        var result = await call;

        Assert.Equal(1, callsWhileWaiting);
        Assert.Equal(CheckOutcome.NoRecord, result.Outcome);
        var received = host.Recorder.Calls;
        Assert.Equal(2, received.Count);
        Assert.Equal(retryDelay, received[1].ReceivedAt - received[0].ReceivedAt);
    }

    [Fact(Timeout = 30_000)] // a retry would wait on the fake clock, which never moves here: it fails by the timeout
    public async Task Check_UnavailableWithARetryInfoBeyondTotalTimeout_FailsAtOnceWithRetryAfter()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await RegistryTestHost.StartAsync(ct);
        host.Checks.OnCheck = (_, _) =>
            throw RpcErrors.Exception(StatusCode.Unavailable, "AUDIT_UNAVAILABLE", retryDelay: TimeSpan.FromMinutes(1));
        var sut = host.CreateClient();

        var ex = await Assert.ThrowsAsync<RegistryRequestException>(() => sut.CheckAsync(Subject, "c-1", Purpose.DatingSafety, "r", ct));

        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
        Assert.Equal(TimeSpan.FromMinutes(1), ex.RetryAfter);
        Assert.Single(host.Recorder.Calls);
    }

    [Fact]
    public async Task Check_RetryInfoDelayBeyondTotalTimeout_FailsAtOnceWithRetryAfter()
    {
        await using var host = await RegistryTestHost.StartAsync(Ct);
        host.Checks.OnCheck = (_, _) =>
            throw RpcErrors.Exception(StatusCode.ResourceExhausted, "QUOTA_EXCEEDED", retryDelay: TimeSpan.FromMinutes(1));
        var sut = host.CreateClient();

        var ex = await Assert.ThrowsAsync<RegistryRequestException>(() => sut.CheckAsync(Subject, "c-1", Purpose.DatingSafety, "r", Ct));

        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
        Assert.Equal(TimeSpan.FromMinutes(1), ex.RetryAfter);
        Assert.Single(host.Recorder.Calls);
    }

    [Fact(Timeout = 30_000)] // a retry would wait on the fake clock, which never moves here: it fails by the timeout
    public async Task Check_EnumerationSuspectedWithARetryInfoWithinTheBudget_IsNeverRetried()
    {
        // Each refused call counts towards the partner's suspension (docs/enumeration.md): a retry would walk it there.
        var ct = TestContext.Current.CancellationToken;
        await using var host = await RegistryTestHost.StartAsync(ct);
        host.Checks.OnCheck = (_, _) =>
            throw RpcErrors.Exception(StatusCode.ResourceExhausted, "ENUMERATION_SUSPECTED", retryDelay: TimeSpan.FromSeconds(1));
        var sut = host.CreateClient(o => o.Timeout = TimeSpan.FromMinutes(5));

        var ex = await Assert.ThrowsAsync<RegistryRequestException>(() => sut.CheckAsync(Subject, "c-1", Purpose.DatingSafety, "r", ct));

        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
        Assert.Equal("ENUMERATION_SUSPECTED", ex.ErrorCode);
        Assert.Equal(TimeSpan.FromSeconds(1), ex.RetryAfter);
        Assert.Single(host.Recorder.Calls);
    }

    [Fact]
    public async Task ListPartners_ServerNeverAnswers_FailsWithDeadlineExceededAfterTotalTimeout()
    {
        await using var host = await RegistryTestHost.StartAsync(Ct);
        host.Admin.OnListPartners = (_, context) => RegistryTestHost.HangAsync<P.ListPartnersResponse>(context);
        var sut = host.CreateClient(o => (o.Timeout, o.AttemptTimeout) = (TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2)));
        var call = sut.ListPartnersAsync(Ct);
        await host.Recorder.WaitForCallsAsync(1, Ct);

        host.Time.Advance(TimeSpan.FromSeconds(2));
        var ex = await Assert.ThrowsAsync<RegistryRequestException>(() => call);

        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
        Assert.Null(ex.ErrorCode);
    }

    [Fact]
    public async Task Check_AttemptTimesOut_RetriesWithTheSameRequestId()
    {
        await using var host = await RegistryTestHost.StartAsync(Ct);
        var attempts = 0;
        host.Checks.OnCheck = (_, context) => ++attempts == 1
            ? RegistryTestHost.HangAsync<P.CheckResponse>(context)
            : Task.FromResult(new P.CheckResponse { Outcome = P.CheckOutcome.NoRecord });
        var sut = host.CreateClient(o => (o.AttemptTimeout, o.RetryBaseDelay) = (TimeSpan.FromSeconds(1), TimeSpan.Zero));
        var call = sut.CheckAsync(Subject, "c-1", Purpose.DatingSafety, "req-t", Ct);
        await host.Recorder.WaitForCallsAsync(1, Ct);

        host.Time.Advance(TimeSpan.FromSeconds(1));
        var result = await call;

        Assert.Equal(CheckOutcome.NoRecord, result.Outcome);
        Assert.Equal(["req-t", "req-t"], host.Recorder.RequestsOf<P.CheckRequest>().Select(r => r.RequestId));
    }

    [Fact]
    public async Task GrantConsent_AttemptTimesOut_IsNotRepeated()
    {
        await using var host = await RegistryTestHost.StartAsync(Ct);
        host.Consents.OnGrantConsent = (_, context) => RegistryTestHost.HangAsync<P.GrantConsentResponse>(context);
        var sut = host.CreateClient(o => (o.AttemptTimeout, o.RetryBaseDelay) = (TimeSpan.FromSeconds(1), TimeSpan.Zero));
        var evidence = new ConsentEvidence(EvidenceKind.SmsOtp, "otp", host.Time.GetUtcNow());
        var call = sut.GrantConsentAsync(Subject, Purpose.DatingSafety, ConsentScope.Presence, evidence, cancellationToken: Ct);
        await host.Recorder.WaitForCallsAsync(1, Ct);

        host.Time.Advance(TimeSpan.FromSeconds(1));
        var ex = await Assert.ThrowsAsync<RegistryRequestException>(() => call);

        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
        Assert.Single(host.Recorder.Calls);
    }

    [Fact]
    public async Task GetConsent_CallerCancels_ThrowsOperationCanceled()
    {
        await using var host = await RegistryTestHost.StartAsync(Ct);
        host.Consents.OnGetConsent = (_, context) => RegistryTestHost.HangAsync<P.GetConsentResponse>(context);
        var sut = host.CreateClient();
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var call = sut.GetConsentAsync("c-1", cancellation.Token);
        await host.Recorder.WaitForCallsAsync(1, Ct);

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Single(host.Recorder.Calls);
    }
}
