using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Registry.Protos.V1;
using Registry.Service.Records;
using Registry.Service.Tests.Audit;
using Registry.Service.Tests.Infrastructure;
using RecordCategory = Registry.Service.Records.RecordCategory;
using RecordStatus = Registry.Service.Records.RecordStatus;

namespace Registry.Service.Tests.Checks;

/// <summary>
/// The record facts a replica keeps for its checks (<c>Records.RecordFactsCache</c>): a change another writer counted in
/// <c>records_version</c> is seen once the replica has asked for the version (<c>RecordChangeWatch</c>); the cache answers
/// only within <c>Registry:Records:MaxStaleness</c> of its last answered question, forgets everything when the version
/// moves, and never keeps what a read that raced a change found. The replica's own changes: <c>CheckFreshnessTests</c>;
/// other processes: <c>ReplicaConsistencyTests</c>.
/// </summary>
public sealed class RecordFactsCacheTests(RegistryAppFactory factory) : IClassFixture<RegistryAppFactory>
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(RegistryAppFactory.StartTime.UtcDateTime);
    private static readonly byte[] SubjectA = [.. Enumerable.Repeat((byte)0xA1, 32)];
    private static readonly byte[] SubjectB = [.. Enumerable.Repeat((byte)0xB2, 32)];
    private readonly RegistryScenario _scenario = new(factory);
    private readonly AuditTestLog _log = new(factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Check_AfterAnotherWriterExpungedTheRecord_AnswersFromTheCacheUntilTheVersionIsAskedThenNoRecord()
    {
        var key = await _scenario.CreatePartnerKeyAsync();
        var h1 = TestKeys.NewH1();
        var caseNumber = await _scenario.SeedRecordAsync(h1, RecordCategory.CriminalConviction, RecordStatus.Active, Today.AddYears(-1));
        var consentId = await _scenario.GrantAsync(key, h1, maxUses: 10);
        var checks = _scenario.Checks(key);
        var watch = factory.Services.GetRequiredService<RecordChangeWatch>();
        Assert.True(await watch.AskOnceAsync(Ct));
        var before = await checks.CheckAsync(RegistryScenario.CheckRequest(consentId, h1), cancellationToken: Ct);
        // Another replica's expunge: committed with its count, but nothing told this process.
        await _log.ExecuteAsync($"UPDATE records SET Status = 'Expunged' WHERE CaseNumber = '{caseNumber}'; {RecordsVersionCommand.BumpSql}");

        var stale = await checks.CheckAsync(RegistryScenario.CheckRequest(consentId, h1), cancellationToken: Ct);
        Assert.True(await watch.AskOnceAsync(Ct));
        var after = await checks.CheckAsync(RegistryScenario.CheckRequest(consentId, h1), cancellationToken: Ct);

        Assert.Equal(CheckOutcome.RecordFound, before.Outcome);
        Assert.Equal(CheckOutcome.RecordFound, stale.Outcome); // within the bound: the facts read before the change
        Assert.Equal(CheckOutcome.NoRecord, after.Outcome);
    }

    [Fact]
    public async Task Check_CacheTurnedOff_SeesAnUncountedChangeAtOnce()
    {
        using var off = new RegistryAppFactory().With("Registry:Records:FactsCacheSize", "0");
        var scenario = new RegistryScenario(off);
        var key = await scenario.CreatePartnerKeyAsync();
        var h1 = TestKeys.NewH1();
        var caseNumber = await scenario.SeedRecordAsync(h1, RecordCategory.CriminalConviction, RecordStatus.Active, Today.AddYears(-1));
        var consentId = await scenario.GrantAsync(key, h1, maxUses: 10);
        var checks = scenario.Checks(key);
        var before = await checks.CheckAsync(RegistryScenario.CheckRequest(consentId, h1), cancellationToken: Ct);
        await new AuditTestLog(off).ExecuteAsync($"UPDATE records SET Status = 'Expunged' WHERE CaseNumber = '{caseNumber}'");

        var after = await checks.CheckAsync(RegistryScenario.CheckRequest(consentId, h1), cancellationToken: Ct);

        Assert.Equal(CheckOutcome.RecordFound, before.Outcome);
        Assert.Equal(CheckOutcome.NoRecord, after.Outcome);
    }

    [Fact]
    public void TryGet_BeforeTheFirstAnswerAndOnceTheBoundHasPassed_Misses()
    {
        var clock = new FakeTimeProvider(RegistryAppFactory.StartTime);
        using var cache = Cache(clock);
        cache.Set(SubjectA, [], cache.Generation);
        Assert.False(cache.TryGet(SubjectA, out _)); // never asked: nothing is known to be current

        cache.Asked(clock.GetTimestamp(), 7);
        cache.Set(SubjectA, [Facts(RecordStatus.Active)], cache.Generation);
        var hit = cache.TryGet(SubjectA, out var facts);
        clock.Advance(TimeSpan.FromMilliseconds(999));
        var beforeTheBound = cache.TryGet(SubjectA, out _);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        var atTheBound = cache.TryGet(SubjectA, out _);
        cache.Asked(clock.GetTimestamp(), 7);
        var askedAgain = cache.TryGet(SubjectA, out _);

        Assert.True(hit);
        Assert.Equal(RecordStatus.Active, Assert.Single(facts).Status);
        Assert.True(beforeTheBound);
        Assert.False(atTheBound);
        Assert.True(askedAgain); // the version had not moved: what it held is still current
    }

    [Fact]
    public void Asked_AVersionThatMoved_ForgetsEverything()
    {
        var clock = new FakeTimeProvider(RegistryAppFactory.StartTime);
        using var cache = Cache(clock);
        cache.Asked(clock.GetTimestamp(), 7);
        cache.Set(SubjectA, [Facts(RecordStatus.Active)], cache.Generation);
        cache.Set(SubjectB, [], cache.Generation);

        cache.Asked(clock.GetTimestamp(), 8);

        Assert.False(cache.TryGet(SubjectA, out _));
        Assert.False(cache.TryGet(SubjectB, out _));
    }

    [Fact]
    public void Set_ByAReadThatStartedBeforeAnInvalidation_IsNotKept()
    {
        var clock = new FakeTimeProvider(RegistryAppFactory.StartTime);
        using var cache = Cache(clock);
        cache.Asked(clock.GetTimestamp(), 7);
        var generation = cache.Generation; // a read starts ...

        cache.Invalidate(); // ... a change on this replica commits ...
        cache.Set(SubjectA, [Facts(RecordStatus.Active)], generation); // ... and the read brings what the change replaced

        Assert.False(cache.TryGet(SubjectA, out _));
        cache.Set(SubjectA, [Facts(RecordStatus.Expunged)], cache.Generation);
        Assert.True(cache.TryGet(SubjectA, out var facts));
        Assert.Equal(RecordStatus.Expunged, Assert.Single(facts).Status);
    }

    [Theory]
    [InlineData("Registry:Records:FactsCacheSize", "-1", "FactsCacheSize")]
    [InlineData("Registry:Records:FactsCacheSize", "10000001", "FactsCacheSize")]
    [InlineData("Registry:Records:MaxStaleness", "00:00:00.010", "MaxStaleness")]
    [InlineData("Registry:Records:ChangeCheckInterval", "00:00:00.600", "ChangeCheckInterval")]
    public void Start_RecordsOptionOutOfRange_FailsNamingTheSetting(string setting, string value, string named)
    {
        using var bad = new RegistryAppFactory().With(setting, value);

        var ex = Assert.ThrowsAny<Exception>(() => bad.Server);

        var validation = Assert.IsType<OptionsValidationException>(ExceptionChain.Find<OptionsValidationException>(ex));
        Assert.Contains(named, validation.Message, StringComparison.Ordinal);
    }

    private static RecordFactsCache Cache(TimeProvider clock) => new(Options.Create(new RecordsOptions()), clock);

    private static RecordFacts Facts(RecordStatus status) =>
        new(RecordCategory.ProtectiveOrder, status, Today.AddYears(-1), Today.AddYears(-1), Today.AddYears(1));
}
