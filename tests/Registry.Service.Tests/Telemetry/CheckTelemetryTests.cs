using System.Diagnostics;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Registry.Protos.V1;
using Registry.Service.Checks;
using Registry.Service.Consent;
using Registry.Service.Infrastructure;
using Registry.Service.Tests.Infrastructure;

namespace Registry.Service.Tests.Telemetry;

/// <summary>Checks and grants through the real gRPC pipeline record their outcome, reason and latency, and a check's spans.</summary>
public sealed class CheckTelemetryTests(TelemetryAppFactory factory) : IClassFixture<TelemetryAppFactory>
{
    private readonly RegistryScenario _scenario = new(factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Check_ExpiredConsent_CountsRefusedWithConsentExpired()
    {
        var key = await _scenario.CreatePartnerKeyAsync();
        var h1 = TestKeys.NewH1();
        var grant = _scenario.GrantRequest(h1);
        grant.ValidFor = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromHours(1));
        var consentId = (await _scenario.Consents(key).GrantConsentAsync(grant, cancellationToken: Ct)).ConsentId;
        factory.Clock.Advance(TimeSpan.FromHours(1));
        using var sut = new TelemetryRecorder(factory);

        await Assert.ThrowsAsync<RpcException>(async () => await _scenario.Checks(key).CheckAsync(RegistryScenario.CheckRequest(consentId, h1), cancellationToken: Ct));

        var counted = Assert.Single(sut.Of(CheckMetrics.ChecksName));
        Assert.Equal(1, counted.Value);
        Assert.Equal("REFUSED", counted.Tags["outcome"]);
        Assert.Equal("CONSENT_EXPIRED", counted.Tags["reason"]);
        var timed = Assert.Single(sut.Of(CheckMetrics.DurationName));
        Assert.Equal("REFUSED", timed.Tags["outcome"]);
    }

    [Fact]
    public async Task Check_Answered_CountsItsOutcomeWithoutAReason()
    {
        var key = await _scenario.CreatePartnerKeyAsync();
        var found = TestKeys.NewH1();
        await _scenario.SeedRecordAsync(found, Records.RecordCategory.CriminalConviction, Records.RecordStatus.Active,
            DateOnly.FromDateTime(factory.Clock.GetUtcNow().UtcDateTime).AddYears(-1));
        var notFound = TestKeys.NewH1();
        var foundConsent = await _scenario.GrantAsync(key, found);
        var notFoundConsent = await _scenario.GrantAsync(key, notFound);
        using var sut = new TelemetryRecorder(factory);

        await _scenario.Checks(key).CheckAsync(RegistryScenario.CheckRequest(foundConsent, found), cancellationToken: Ct);
        await _scenario.Checks(key).CheckAsync(RegistryScenario.CheckRequest(notFoundConsent, notFound), cancellationToken: Ct);

        Assert.Equal(1, sut.Sum(CheckMetrics.ChecksName, ("outcome", "RECORD_FOUND")));
        Assert.Equal(1, sut.Sum(CheckMetrics.ChecksName, ("outcome", "NO_RECORD")));
        Assert.All(sut.Of(CheckMetrics.ChecksName), m => Assert.False(m.Tags.ContainsKey("reason")));
        Assert.Equal(2, sut.Of(CheckMetrics.DurationName).Count);
    }

    [Fact]
    public async Task Check_RetryOfTheSameRequestId_CountsAsReplayed()
    {
        var key = await _scenario.CreatePartnerKeyAsync();
        var h1 = TestKeys.NewH1();
        var request = RegistryScenario.CheckRequest(await _scenario.GrantAsync(key, h1, maxUses: 2), h1);
        await _scenario.Checks(key).CheckAsync(request, cancellationToken: Ct);
        using var sut = new TelemetryRecorder(factory);

        await _scenario.Checks(key).CheckAsync(request, cancellationToken: Ct);

        var counted = Assert.Single(sut.Of(CheckMetrics.ChecksName));
        Assert.Equal(("NO_RECORD", CheckMetrics.ReplayedReason), (counted.Tags["outcome"] as string, counted.Tags["reason"] as string));
    }

    [Fact]
    public async Task CheckBatch_MixedItems_CountsEachItemByItsOutcome()
    {
        var key = await _scenario.CreatePartnerKeyAsync();
        var h1 = TestKeys.NewH1();
        var consentId = await _scenario.GrantAsync(key, h1);
        var request = new CheckBatchRequest();
        request.Items.Add(RegistryScenario.CheckRequest(consentId, h1));
        request.Items.Add(RegistryScenario.CheckRequest("c_doesnotexist", h1));
        request.Items.Add(RegistryScenario.CheckRequest(consentId, TestKeys.NewH1()));
        using var sut = new TelemetryRecorder(factory);

        await _scenario.Checks(key).CheckBatchAsync(request, cancellationToken: Ct);

        Assert.Equal(3, sut.Sum(CheckMetrics.ChecksName));
        Assert.Equal(1, sut.Sum(CheckMetrics.ChecksName, ("outcome", "NO_RECORD")));
        Assert.Equal(1, sut.Sum(CheckMetrics.ChecksName, ("outcome", "REFUSED"), ("reason", "CONSENT_NOT_FOUND")));
        Assert.Equal(1, sut.Sum(CheckMetrics.ChecksName, ("outcome", "REFUSED"), ("reason", "CONSENT_SUBJECT_MISMATCH")));
        Assert.Equal(3, sut.Of(CheckMetrics.DurationName).Count);
    }

    [Fact]
    public async Task GrantConsent_GrantedAndRefused_CountsEachWithItsOutcome()
    {
        var key = await _scenario.CreatePartnerKeyAsync(Purpose.DatingSafety);
        using var sut = new TelemetryRecorder(factory);

        await _scenario.GrantAsync(key, TestKeys.NewH1());
        await Assert.ThrowsAsync<RpcException>(async () => await _scenario.GrantAsync(key, TestKeys.NewH1(), Purpose.EmploymentScreening));

        Assert.Equal(1, sut.Sum(ConsentMetrics.GrantsName, ("outcome", "GRANTED")));
        Assert.Equal(1, sut.Sum(ConsentMetrics.GrantsName, ("outcome", "REFUSED"), ("reason", "PURPOSE_NOT_ALLOWED")));
        Assert.Equal(2, sut.Of(ConsentMetrics.GrantDurationName).Count);
    }

    [Fact]
    public async Task Check_Answered_TracesItsStagesUnderTheServerSpan()
    {
        var key = await _scenario.CreatePartnerKeyAsync();
        var h1 = TestKeys.NewH1();
        var consentId = await _scenario.GrantAsync(key, h1);
        var source = factory.Services.GetRequiredService<RegistryActivitySource>().Source;
        var before = factory.Spans.Spans.Count;

        await _scenario.Checks(key).CheckAsync(RegistryScenario.CheckRequest(consentId, h1), cancellationToken: Ct);

        // Spans of other hosts in the process reach the collector too: this host's are those of its own source.
        var check = Assert.Single(factory.Spans.Spans.Skip(before), s => ReferenceEquals(s.Source, source) && s.OperationName == CheckMetrics.CheckSpan);
        var trace = factory.Spans.Spans.Where(s => s.TraceId == check.TraceId).ToList();
        var server = Assert.Single(trace, s => s.Kind == ActivityKind.Server);
        Assert.Equal(server.SpanId, check.ParentSpanId);
        Assert.Equal("NO_RECORD", check.GetTagItem("registry.check.outcome"));
        foreach (var stage in new[] { CheckMetrics.ConsentLookupSpan, CheckMetrics.RecordsLookupSpan, CheckMetrics.AuditWaitSpan })
        {
            Assert.Equal(check.SpanId, Assert.Single(trace, s => s.OperationName == stage).ParentSpanId);
        }
    }

    [Fact]
    public async Task Check_OnAConsentAndSubjectAlreadyChecked_ReadsNothing()
    {
        var key = await _scenario.CreatePartnerKeyAsync();
        var h1 = TestKeys.NewH1();
        var consentId = await _scenario.GrantAsync(key, h1, maxUses: 2);
        var source = factory.Services.GetRequiredService<RegistryActivitySource>().Source;
        await _scenario.Checks(key).CheckAsync(RegistryScenario.CheckRequest(consentId, h1), cancellationToken: Ct);
        var before = factory.Spans.Spans.Count;

        await _scenario.Checks(key).CheckAsync(RegistryScenario.CheckRequest(consentId, h1), cancellationToken: Ct);

        var check = Assert.Single(factory.Spans.Spans.Skip(before), s => ReferenceEquals(s.Source, source) && s.OperationName == CheckMetrics.CheckSpan);
        var stages = factory.Spans.Spans.Where(s => s.TraceId == check.TraceId && s.ParentSpanId == check.SpanId).Select(s => s.OperationName).ToList();
        Assert.Equal([CheckMetrics.AuditWaitSpan], stages);
    }
}
