using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Registry.Client;
using Registry.Client.Checks;
using Registry.Client.Consents;
using Registry.Client.Identity;
using Registry.Protos.V1;
using Registry.Service.Enumeration;
using Registry.Service.Tests.Audit;
using Registry.Service.Tests.Infrastructure;
using ClientConsentScope = Registry.Client.Consents.ConsentScope;
using ClientEvidenceKind = Registry.Client.Consents.EvidenceKind;
using ClientPurpose = Registry.Client.Consents.Purpose;
using Purpose = Registry.Protos.V1.Purpose;
using CheckOutcome = Registry.Client.Checks.CheckOutcome;
using ConsentEvidence = Registry.Client.Consents.ConsentEvidence;

namespace Registry.Service.Tests.Enumeration;

/// <summary>
/// The enumeration watch (spec §7, OWASP API6) against a sweeper, a confirmer and a normal partner, each driven through the
/// real gRPC pipeline (the sweeper and the normal partner through the SDK, with IINs). The service's clock is the test's
/// fake clock, so an hour of a normal partner's traffic runs in seconds and a sweep happens within one fake instant.
/// </summary>
public sealed class EnumerationWatchTests : IDisposable
{
    private readonly CapturingLoggerProvider _logs = new();
    private readonly RegistryAppFactory _factory;

    public EnumerationWatchTests()
    {
        _factory = new RegistryAppFactory { ConfigureTestServices = services => services.AddSingleton<ILoggerProvider>(_logs) };
    }

    private RegistryScenario Scenario => new(_factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _factory.Dispose();
        _logs.Dispose();
    }

    [Fact]
    public async Task Sweep_WithTheSdk_IsSuspendedWellBeforeOnePercentOfThePopulation()
    {
        using var throttles = new MeterRecorder(_factory, "registry.enumeration.throttles", "signals");
        using var suspensions = new MeterRecorder(_factory, "registry.enumeration.suspensions", "signals");
        using var refusals = new MeterRecorder(_factory, "registry.enumeration.refused", "level");
        var (sweeperId, key) = await Scenario.CreatePartnerAsync(Role.Partner, Purpose.DatingSafety);
        foreach (var subject in SweepPopulation.Walk().Take(2_000).Where((_, i) => i % 20 == 0)) // the registry's base rate, 5 %
        {
            await SeedRecordAsync(subject);
        }

        var checksBefore = await CountAsync("Action = 'check'");
        var client = Client(key);
        int answered = 0, attempted = 0, refused = 0;
        RegistryRequestException? firstRefusal = null;
        RegistryRequestException? lastRefusal = null;
        foreach (var subject in SweepPopulation.Walk())
        {
            attempted++;
            try
            {
                var consent = await client.GrantConsentAsync(subject, ClientPurpose.DatingSafety, ClientConsentScope.Presence,
                    new ConsentEvidence(ClientEvidenceKind.SmsOtp, "otp-" + attempted, _factory.Clock.GetUtcNow()), cancellationToken: Ct);
                await client.CheckAsync(subject, consent.ConsentId, ClientPurpose.DatingSafety, cancellationToken: Ct);
                answered++;
            }
            catch (RegistryRequestException ex)
            {
                firstRefusal ??= ex;
                lastRefusal = ex;
                if (++refused == 200) // a sweeper keeps trying; nothing it tries after the throttle gets through
                {
                    break;
                }
            }
        }

        Assert.NotNull(firstRefusal);
        Assert.InRange(answered, 100, 200); // the minute's allowance (120) and nothing after it: 0.12 % of the population
        Assert.True(answered < SweepPopulation.Size / 100, $"the sweeper checked {answered} subjects");
        Assert.Equal(answered + 200, attempted);
        Assert.Equal(StatusCode.ResourceExhausted, firstRefusal.StatusCode);
        Assert.Equal(EnumerationWatch.ThrottledReason, firstRefusal.ErrorCode);
        Assert.Equal(TimeSpan.FromMinutes(1), firstRefusal.RetryAfter);
        Assert.Equal(StatusCode.PermissionDenied, lastRefusal!.StatusCode);
        Assert.Equal("PARTNER_SUSPENDED", lastRefusal.ErrorCode);

        // Suspended in the store (so on every replica, through the key cache), by the service, audited, alerted and counted.
        await Eventually.UntilAsync(async () => await IsSuspendedAsync(sweeperId), TimeSpan.FromSeconds(30), () => "the sweeper was never suspended");
        var throttle = Assert.Single(await new AuditTestLog(_factory).RowsAsync("Action = 'partner.throttle'"));
        Assert.Equal(EnumerationWatch.ThrottledReason, throttle["Reason"]);
        Assert.StartsWith($"partner={sweeperId};signals=burst", (string)throttle["Detail"]!, StringComparison.Ordinal);
        var suspend = Assert.Single(await new AuditTestLog(_factory).RowsAsync($"Action = 'partner.suspend' AND Detail LIKE 'partner={sweeperId};%'"));
        Assert.Equal(EnumerationWatch.ThrottledReason, suspend["Reason"]);
        Assert.Equal(string.Empty, suspend["ActorRole"]); // the service itself, not an administrator
        Assert.Contains("enumeration watch", (string)suspend["Detail"]!, StringComparison.Ordinal);
        Assert.Equal(answered, await CountAsync("Action = 'check'") - checksBefore); // refused calls read nothing and disclosed nothing
        Assert.Contains(_logs.Lines, l => l.StartsWith("Critical", StringComparison.Ordinal) && l.Contains($"partner {sweeperId} suspended", StringComparison.Ordinal));
        Assert.Equal(1, throttles.Total);
        Assert.Equal(1, suspensions.Total);
        Assert.True(refusals.Total >= 20);

        // The stored suspension refuses it from then on; an administrator's reinstatement gives it a clean slate.
        var next = SweepPopulation.Walk().Skip(90_000).First();
        var stillRefused = await Assert.ThrowsAnyAsync<RegistryRequestException>(() => GrantAsync(client, next));
        Assert.Equal(StatusCode.PermissionDenied, stillRefused.StatusCode);
        await Scenario.Admin.SetPartnerSuspendedAsync(new SetPartnerSuspendedRequest { PartnerId = sweeperId, Suspended = false, Reason = "reviewed: test" }, cancellationToken: Ct);
        await Eventually.UntilAsync(async () => // at once, unless the responder has not yet marked the suspension stored
        {
            try
            {
                await GrantAsync(client, next);
                return true;
            }
            catch (RegistryAuthException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(30), () => "the reinstated partner was still refused");
        Assert.Equal(WatchLevel.Watching, _factory.Services.GetRequiredService<EnumerationWatch>().LevelOf(sweeperId));
    }

    [Fact]
    public async Task NormalPartner_AnHourAtPeakWithARushAndTheBaseRate_IsNeverRefused()
    {
        var (partnerId, key) = await Scenario.CreatePartnerAsync(Role.Partner, Purpose.DatingSafety);
        var random = new Random(20261202);
        var subjects = SweepPopulation.Walk().Skip(40_000).Take(1_500).ToList();
        foreach (var subject in subjects.Where((_, i) => i % 20 == 7))
        {
            await SeedRecordAsync(subject);
        }

        var client = Client(key);
        var due = new PriorityQueue<(SubjectIdentity Subject, string ConsentId), DateTimeOffset>();
        var start = _factory.Clock.GetUtcNow();
        var found = 0;
        for (var i = 0; i < subjects.Count; i++)
        {
            // 1,500 new subjects in about an hour (a large dating app at its evening peak: 2.4 s apart on average), with a
            // rush of 60 in two minutes (a speed-dating night) in the middle.
            _factory.Clock.Advance(TimeSpan.FromSeconds(i is >= 700 and < 760 ? 2 : 0.5 + (random.NextDouble() * 3.6)));
            var evidence = new ConsentEvidence(ClientEvidenceKind.SmsOtp, "otp-" + i, _factory.Clock.GetUtcNow().AddSeconds(-30 - random.Next(600)));
            var consent = await client.GrantConsentAsync(subjects[i], ClientPurpose.DatingSafety, ClientConsentScope.Presence, evidence, cancellationToken: Ct);
            due.Enqueue((subjects[i], consent.ConsentId), _factory.Clock.GetUtcNow().AddSeconds(20 + random.Next(300)));
            found += await CheckDueAsync(client, due, _factory.Clock.GetUtcNow());
        }

        _factory.Clock.Advance(TimeSpan.FromMinutes(6));
        found += await CheckDueAsync(client, due, _factory.Clock.GetUtcNow());

        Assert.Equal(0, due.Count);
        Assert.InRange(_factory.Clock.GetUtcNow() - start, TimeSpan.FromMinutes(50), TimeSpan.FromMinutes(75));
        Assert.Equal(75, found); // every record found, at the base rate: the SDK threw on no call
        Assert.Equal(WatchLevel.Watching, _factory.Services.GetRequiredService<EnumerationWatch>().LevelOf(partnerId));
        Assert.Equal(0, await CountAsync("Action = 'partner.throttle'"));
        Assert.False(await IsSuspendedAsync(partnerId));
    }

    [Fact]
    public async Task Confirmer_CheckingOnlyKnownOffendersAtAHumanPace_IsThrottledOnTheHitRateThenSuspended()
    {
        var (confirmerId, key) = await Scenario.CreatePartnerAsync(Role.Partner, Purpose.DatingSafety);
        var targets = SweepPopulation.Walk().Skip(60_000).Take(130).ToList();
        foreach (var target in targets)
        {
            await SeedRecordAsync(target);
        }

        var client = Client(key);
        var answered = 0;
        RegistryRequestException? firstRefusal = null;
        RegistryRequestException? lastRefusal = null;
        for (var i = 0; i < targets.Count; i++)
        {
            _factory.Clock.Advance(TimeSpan.FromSeconds(10)); // 180 subjects an hour: under every volume threshold
            try
            {
                var consent = await GrantAsync(client, targets[i], evidenceAge: TimeSpan.FromMinutes(2));
                _factory.Clock.Advance(TimeSpan.FromSeconds(10));
                var result = await client.CheckAsync(targets[i], consent, ClientPurpose.DatingSafety, cancellationToken: Ct);
                Assert.Equal(CheckOutcome.RecordFound, result.Outcome);
                answered++;
            }
            catch (RegistryRequestException ex)
            {
                firstRefusal ??= ex;
                lastRefusal = ex;
            }
        }

        Assert.Equal(100, answered); // the hit rate counts from 100 checks: 100 of 100 against a base rate of 5 %
        Assert.Equal(EnumerationWatch.ThrottledReason, firstRefusal!.ErrorCode);
        Assert.Equal("PARTNER_SUSPENDED", lastRefusal!.ErrorCode); // 30 more tries while throttled: suspended after 20
        var throttle = Assert.Single(await new AuditTestLog(_factory).RowsAsync("Action = 'partner.throttle'"));
        Assert.StartsWith($"partner={confirmerId};signals=hit_rate;", (string)throttle["Detail"]!, StringComparison.Ordinal);
        await Eventually.UntilAsync(async () => await IsSuspendedAsync(confirmerId), TimeSpan.FromSeconds(30), () => "the confirmer was never suspended");
    }

    [Fact]
    public async Task Throttle_IsLiftedOnceTheBurstHasPassed_WithoutASuspension()
    {
        var (partnerId, key) = await Scenario.CreatePartnerAsync(Role.Partner, Purpose.DatingSafety);
        var consents = Scenario.Consents(key);
        for (var i = 0; i < 121; i++)
        {
            await consents.GrantConsentAsync(Scenario.GrantRequest(TestKeys.NewH1()), cancellationToken: Ct);
        }

        var refused = await RpcAssert.FailsAsync(StatusCode.ResourceExhausted, EnumerationWatch.ThrottledReason,
            async () => await consents.GrantConsentAsync(Scenario.GrantRequest(TestKeys.NewH1()), cancellationToken: Ct));
        Assert.DoesNotContain(partnerId, refused.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(WatchLevel.Throttled, _factory.Services.GetRequiredService<EnumerationWatch>().LevelOf(partnerId));

        _factory.Clock.Advance(TimeSpan.FromMinutes(2)); // the minute's burst is over; 121 new subjects in the hour is normal
        await consents.GrantConsentAsync(Scenario.GrantRequest(TestKeys.NewH1()), cancellationToken: Ct);

        Assert.Equal(WatchLevel.Watching, _factory.Services.GetRequiredService<EnumerationWatch>().LevelOf(partnerId));
        Assert.False(await IsSuspendedAsync(partnerId));
        Assert.Equal(0, await CountAsync("Action = 'partner.suspend'"));
    }

    [Fact]
    public async Task RaisedQuota_RaisesTheNewSubjectAllowanceInProportion()
    {
        var (partnerId, key) = await Scenario.CreatePartnerAsync(Role.Partner, Purpose.DatingSafety);
        await Scenario.Admin.SetPartnerQuotaAsync(new SetPartnerQuotaRequest { PartnerId = partnerId, PermitsPerSecond = 1_000, Burst = 10_000, Reason = "a large platform" }, cancellationToken: Ct);
        var consents = Scenario.Consents(key);
        for (var i = 0; i < 300; i++) // five times the default quota: 600 new subjects in a minute
        {
            await consents.GrantConsentAsync(Scenario.GrantRequest(TestKeys.NewH1()), cancellationToken: Ct);
        }

        Assert.Equal(WatchLevel.Watching, _factory.Services.GetRequiredService<EnumerationWatch>().LevelOf(partnerId));
    }

    [Theory]
    [InlineData("Registry:Enumeration:SuspendScore", "2")]
    [InlineData("Registry:Enumeration:NewSubjectsPerMinute", "5")]
    [InlineData("Registry:Enumeration:HitRateFactor", "1")]
    public void InvalidThresholds_StopTheServiceAtStartUp(string key, string value)
    {
        using var factory = new RegistryAppFactory().With(key, value);
        var ex = Assert.ThrowsAny<Exception>(() => factory.Server);
        Assert.Contains("Enumeration", ex.ToString(), StringComparison.Ordinal);
    }

    private RegistryClient Client(string apiKey) =>
        new(_factory.Server.BaseAddress, new RegistryApiKeyCredential(apiKey),
            new RegistryClientOptions { HttpHandler = _factory.Server.CreateHandler(), MaxRetries = 0 });

    private async Task<string> GrantAsync(RegistryClient client, SubjectIdentity subject, TimeSpan? evidenceAge = null)
    {
        var evidence = new ConsentEvidence(ClientEvidenceKind.SmsOtp, "otp-" + Guid.NewGuid().ToString("N"), _factory.Clock.GetUtcNow() - (evidenceAge ?? TimeSpan.Zero));
        var consent = await client.GrantConsentAsync(subject, ClientPurpose.DatingSafety, ClientConsentScope.Presence, evidence, cancellationToken: Ct);
        return consent.ConsentId;
    }

    private static async Task<int> CheckDueAsync(RegistryClient client, PriorityQueue<(SubjectIdentity Subject, string ConsentId), DateTimeOffset> due, DateTimeOffset now)
    {
        var found = 0;
        while (due.TryPeek(out var next, out var at) && at <= now)
        {
            due.Dequeue();
            var result = await client.CheckAsync(next.Subject, next.ConsentId, ClientPurpose.DatingSafety, cancellationToken: Ct);
            found += result.Outcome == CheckOutcome.RecordFound ? 1 : 0;
        }

        return found;
    }

    private Task<string> SeedRecordAsync(SubjectIdentity subject) =>
        Scenario.SeedRecordAsync(subject.H1.ToArray(), Records.RecordCategory.ProtectiveOrder, Records.RecordStatus.Active,
            DateOnly.FromDateTime(_factory.Clock.GetUtcNow().UtcDateTime).AddMonths(-2), DateOnly.FromDateTime(_factory.Clock.GetUtcNow().UtcDateTime).AddYears(1));

    private async Task<bool> IsSuspendedAsync(string partnerId)
    {
        var partners = await Scenario.Admin.ListPartnersAsync(new ListPartnersRequest(), cancellationToken: Ct);
        return partners.Partners.Single(p => p.PartnerId == partnerId).Suspended;
    }

    private Task<long> CountAsync(string where) =>
        new AuditTestLog(_factory).ScalarAsync<long>($"SELECT COUNT(*) FROM audit_entries WHERE {where}");
}
