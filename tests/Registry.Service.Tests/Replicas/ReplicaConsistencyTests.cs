using System.Diagnostics;
using Grpc.Core;
using Registry.Protos.V1;
using Registry.Service.Tests.Infrastructure;
using static Registry.Service.Tests.Import.ImportStream;
using static Registry.Service.Tests.Replicas.ReplicaCalls;

namespace Registry.Service.Tests.Replicas;

/// <summary>
/// Three replicas started at the same moment on one empty database migrate it once and create one admin key; then
/// (docs/architecture.md) a key revoked or a partner suspended through one replica is
/// refused by the others within <c>Registry:ApiKeys:CacheDuration</c> (5 s, the documented bound, measured here); a
/// consent revoked holds for the very next check on any other replica (bound zero), though each replica keeps the
/// consents it read (<c>Consent.ConsentCache</c>); a record imported, corrected or expunged holds for the very next check
/// on the replica that changed it, and on the others within <c>Registry:Records:MaxStaleness</c> (1 s, measured here),
/// though each keeps the record facts it read (<c>Records.RecordFactsCache</c>); a retry on a replica that
/// read the consent before its first answer is answered again without a new use; concurrent checks on all of them never
/// use a consent more than <c>max_uses</c> times; and what they all write is one log that verifies on each.
/// </summary>
[Collection(ServiceProcessTests.Name)]
public sealed class ReplicaConsistencyTests(SharedReplicaSets sets, ITestOutputHelper output) : IClassFixture<SharedReplicaSets>
{
    private static readonly TimeSpan CacheDuration = TimeSpan.FromSeconds(5); // ApiKeyOptions' default, which ServiceProcess keeps
    private static readonly TimeSpan MaxStaleness = TimeSpan.FromSeconds(1); // RecordsOptions' default, which ServiceProcess keeps
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory(Timeout = 240_000)]
    [InlineData(ReplicaProvider.Sqlite)]
    [InlineData(ReplicaProvider.Postgres)]
    public async Task Start_ThreeReplicasAtOnceOnAnEmptyDatabase_MigrateItOnceAndAllServe(ReplicaProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;

        var (replicas, r, adminKey) = await sets.GetAsync(provider); // the three were started at the same moment on an empty database

        var db = replicas.Database;
        Assert.All(r, p => Assert.False(p.HasExited, replicas.Outputs));
        Assert.All(r, p => Assert.Empty(p.Failures));
        await Task.WhenAll(r.Select(p => AdminClient(p, adminKey).ListPartnersAsync(new ListPartnersRequest(), cancellationToken: ct).ResponseAsync));
        var applied = await db.ColumnAsync("SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\" ORDER BY \"MigrationId\"");
        Assert.Equal(db.Migrations().Order(StringComparer.Ordinal), applied);
        Assert.Equal(1, await db.ScalarAsync("SELECT COUNT(*) FROM partners WHERE Role = 'Admin'"));
        Assert.Equal(1, await db.ScalarAsync("SELECT COUNT(*) FROM api_keys k JOIN partners p ON p.Id = k.PartnerId WHERE p.Role = 'Admin'"));

        // A replica that lost the race to the unique name may have recorded its attempt as refused; one succeeded.
        const string bootstrap = "SELECT COUNT(*) FROM audit_entries WHERE Action = 'partner.create' AND PartnerId IS NULL";
        Assert.Equal(1, await db.ScalarAsync(bootstrap + " AND Outcome = 'ok'"));
        var refused = await db.ScalarAsync(bootstrap + " AND Outcome <> 'ok'");
        Assert.Equal(refused, await db.ScalarAsync(bootstrap + " AND Outcome = 'refused' AND Reason = 'PARTNER_EXISTS'"));
        output.WriteLine($"{provider}: 3 replicas started at once; {applied.Count} migration(s) applied once; 1 admin key; {refused} lost bootstrap race(s) recorded as refused");
    }

    [Theory(Timeout = 240_000)]
    [InlineData(ReplicaProvider.Sqlite)]
    [InlineData(ReplicaProvider.Postgres)]
    public async Task ApiKey_RevokedThroughOneReplica_IsRefusedOnEveryReplicaWithinTheCacheDuration(ReplicaProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        var (replicas, r, adminKey) = await sets.GetAsync(provider);
        var partner = await CreatePartnerAsync(r[0], adminKey);
        var consentId = await WarmAsync(r, partner.ApiKey.ApiKey);
        var clock = Stopwatch.StartNew();

        await AdminClient(r[0], adminKey).RevokeApiKeyAsync(new RevokeApiKeyRequest { KeyId = partner.ApiKey.KeyId }, cancellationToken: ct);

        var acknowledged = clock.Elapsed;
        var lags = await Task.WhenAll(r.Select(p => RefusalLagAsync(p, partner.ApiKey.ApiKey, consentId, clock, acknowledged, StatusCode.Unauthenticated, "API_KEY_REVOKED")));
        Report(provider, "key revoked", lags);
        Assert.Equal(0, lags[0].Accepted); // the revoking replica forgets the key at once
        Assert.All(lags, lag => Assert.True(lag.FirstRefused <= CacheDuration + Margin, $"refused {lag.FirstRefused.TotalSeconds:0.00} s after the revocation: {replicas.Outputs}"));
    }

    [Theory(Timeout = 240_000)]
    [InlineData(ReplicaProvider.Sqlite)]
    [InlineData(ReplicaProvider.Postgres)]
    public async Task Partner_SuspendedThroughOneReplica_IsRefusedOnEveryReplicaWithinTheCacheDuration(ReplicaProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        var (replicas, r, adminKey) = await sets.GetAsync(provider);
        var partner = await CreatePartnerAsync(r[0], adminKey);
        var consentId = await WarmAsync(r, partner.ApiKey.ApiKey);
        var clock = Stopwatch.StartNew();

        await AdminClient(r[0], adminKey).SetPartnerSuspendedAsync(
            new SetPartnerSuspendedRequest { PartnerId = partner.Partner.PartnerId, Suspended = true, Reason = "replica test" }, cancellationToken: ct);

        var acknowledged = clock.Elapsed;
        var lags = await Task.WhenAll(r.Select(p => RefusalLagAsync(p, partner.ApiKey.ApiKey, consentId, clock, acknowledged, StatusCode.PermissionDenied, "PARTNER_SUSPENDED")));
        Report(provider, "partner suspended", lags);
        Assert.Equal(0, lags[0].Accepted);
        Assert.All(lags, lag => Assert.True(lag.FirstRefused <= CacheDuration + Margin, $"refused {lag.FirstRefused.TotalSeconds:0.00} s after the suspension: {replicas.Outputs}"));
    }

    [Theory(Timeout = 240_000)]
    [InlineData(ReplicaProvider.Sqlite)]
    [InlineData(ReplicaProvider.Postgres)]
    public async Task Consent_RevokedThroughOneReplica_IsRefusedByTheVeryNextCheckOnTheOthers(ReplicaProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        var (_, r, adminKey) = await sets.GetAsync(provider);
        var partnerKey = (await CreatePartnerAsync(r[0], adminKey)).ApiKey.ApiKey;
        var refusals = new List<string>();
        var answeredBefore = 0;

        for (var revoker = 0; revoker < r.Count; revoker++)
        {
            var h1 = TestKeys.NewH1();
            var consentId = (await GrantAsync(r[revoker], partnerKey, h1, maxUses: 10)).ConsentId;
            var others = r.Where((_, i) => i != revoker).ToArray();
            foreach (var other in others)
            {
                await CheckAsync(other, partnerKey, consentId, h1);
                answeredBefore++;
            }

            await ConsentClient(r[revoker], partnerKey).RevokeConsentAsync(new RevokeConsentRequest { ConsentId = consentId }, cancellationToken: ct);
            foreach (var other in others)
            {
                var refused = await Assert.ThrowsAsync<RpcException>(() => CheckAsync(other, partnerKey, consentId, h1));
                refusals.Add($"{refused.StatusCode}/{RpcAssert.Reason(refused)}");
            }
        }

        Assert.Equal(6, answeredBefore);
        Assert.Equal(Enumerable.Repeat("PermissionDenied/CONSENT_REVOKED", 6), refusals);
    }

    [Theory(Timeout = 240_000)]
    [InlineData(ReplicaProvider.Sqlite)]
    [InlineData(ReplicaProvider.Postgres)]
    public async Task Record_ImportedCorrectedOrExpungedThroughOneReplica_IsSeenThereAtOnceAndOnAnotherWithinTheStalenessBound(ReplicaProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        var (replicas, r, adminKey) = await sets.GetAsync(provider);
        var partnerKey = (await CreatePartnerAsync(r[0], adminKey)).ApiKey.ApiKey;
        var h1 = TestKeys.NewH1();
        var consentId = (await GrantAsync(r[0], partnerKey, h1, maxUses: 100, ConsentScope.Summary)).ConsentId;
        var caseNumber = "REPLICA-" + Guid.NewGuid().ToString("N");
        const string source = "REPLICA-TEST";
        var lags = new List<string>();

        // Each step: both replicas hold the subject's facts from before (a check on each), one makes the change, its very
        // next check sees it, and the other's checks see it within MaxStaleness.
        async Task StepAsync(string what, int changer, int other, Func<Task> change, CheckOutcome expected)
        {
            await CheckAsync(r[other], partnerKey, consentId, h1);
            await CheckAsync(r[changer], partnerKey, consentId, h1);
            await change();
            var clock = Stopwatch.StartNew();
            Assert.Equal(expected, (await CheckAsync(r[changer], partnerKey, consentId, h1)).Outcome);
            var lag = await SeenLagAsync(r[other], partnerKey, consentId, h1, expected, clock);
            lags.Add($"{what}: {lag.TotalMilliseconds:0} ms");
            Assert.True(lag <= MaxStaleness + Margin, $"{what}: seen by replica {other} {lag.TotalSeconds:0.00} s after the change: {replicas.Outputs}");
        }

        List<ImportRecordsResponse>? imported = null, reimported = null;
        await StepAsync("imported", 0, 1, async () => imported = await RunAsync(AdminClient(r[0], adminKey), [Batch(1, [Row(2, caseNumber, h1, sourceId: source)])]),
            CheckOutcome.RecordFound);
        await StepAsync("overturned", 2, 0, () => AdminClient(r[2], adminKey).CorrectRecordAsync(
            new CorrectRecordRequest { SourceId = source, CaseNumber = caseNumber, Status = RecordStatus.Overturned, Reason = "appeal" }, cancellationToken: ct).ResponseAsync,
            CheckOutcome.NoRecord);
        await StepAsync("restored", 1, 2, () => AdminClient(r[1], adminKey).CorrectRecordAsync(
            new CorrectRecordRequest { SourceId = source, CaseNumber = caseNumber, Status = RecordStatus.Active, Reason = "appeal reversed" }, cancellationToken: ct).ResponseAsync,
            CheckOutcome.RecordFound);
        await StepAsync("expunged", 0, 1, () => AdminClient(r[0], adminKey).ExpungeRecordAsync(
            new ExpungeRecordRequest { SourceId = source, CaseNumber = caseNumber, Reason = "court order" }, cancellationToken: ct).ResponseAsync,
            CheckOutcome.NoRecord);
        await StepAsync("re-imported unchanged", 2, 0, async () => reimported = await RunAsync(AdminClient(r[2], adminKey), [Batch(1, [Row(2, caseNumber, h1, sourceId: source)])]),
            CheckOutcome.NoRecord);

        output.WriteLine($"{provider}: a record change seen by another replica after {string.Join(", ", lags)}");
        Assert.Equal(1, Assert.Single(imported!).Inserted);
        Assert.Equal(1, Assert.Single(reimported!).Unchanged); // the court's unchanged export leaves the expunge alone
    }

    /// <summary>
    /// How long after <paramref name="clock"/> started the first check on <paramref name="replica"/> that gave
    /// <paramref name="expected"/> started; the next check must give it too (once seen, never unseen).
    /// </summary>
    private static async Task<TimeSpan> SeenLagAsync(
        Audit.ServiceProcess replica, string key, string consentId, byte[] h1, CheckOutcome expected, Stopwatch clock)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        var deadline = MaxStaleness + TimeSpan.FromSeconds(20);
        while (true)
        {
            var startedAt = clock.Elapsed;
            if ((await CheckAsync(replica, key, consentId, h1)).Outcome == expected)
            {
                Assert.Equal(expected, (await CheckAsync(replica, key, consentId, h1)).Outcome);
                return startedAt;
            }

            Assert.True(clock.Elapsed < deadline, $"replica {replica.Port} still answered from before the change {clock.Elapsed.TotalSeconds:0.0} s after it");
            await timer.WaitForNextTickAsync(Ct);
        }
    }

    [Theory(Timeout = 240_000)]
    [InlineData(ReplicaProvider.Sqlite)]
    [InlineData(ReplicaProvider.Postgres)]
    public async Task Check_ConcurrentOnEveryReplica_NeverUsesAConsentMoreThanMaxUses(ReplicaProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        const int maxUses = 7;
        const int inFlightPerReplica = 32;
        var (replicas, r, adminKey) = await sets.GetAsync(provider);
        var partnerKey = (await CreatePartnerAsync(r[0], adminKey)).ApiKey.ApiKey;
        var h1 = TestKeys.NewH1();
        var consentId = (await GrantAsync(r[0], partnerKey, h1, maxUses)).ConsentId;
        var clients = r.Select(p => CheckClient(p, partnerKey)).ToArray();
        await Task.WhenAll(r.Select(p => WarmKeyAsync(p, partnerKey))); // so that no check waits for BCrypt while the others race
        using var go = new SemaphoreSlim(0);
        var attempts = Enumerable.Range(0, r.Count * inFlightPerReplica).Select(async i =>
        {
            await go.WaitAsync(ct);
            try
            {
                await clients[i % r.Count].CheckAsync(RegistryScenario.CheckRequest(consentId, h1), cancellationToken: ct);
                return "OK";
            }
            catch (RpcException ex)
            {
                return $"{ex.StatusCode}/{RpcAssert.Reason(ex)}";
            }
        }).ToArray();

        go.Release(attempts.Length);
        var outcomes = await Task.WhenAll(attempts);

        Assert.Equal(maxUses, outcomes.Count(o => o == "OK"));
        Assert.Equal(attempts.Length - maxUses, outcomes.Count(o => o == "PermissionDenied/CONSENT_USED_UP"));
        Assert.Equal(maxUses, await replicas.Database.ScalarAsync("SELECT Uses FROM consents WHERE Id = @p0", consentId));
        Assert.Equal(attempts.Length, await replicas.Database.ScalarAsync(
            "SELECT COUNT(*) FROM audit_entries WHERE ConsentId = @p0 AND Action = 'check'", consentId));
    }

    [Theory(Timeout = 240_000)]
    [InlineData(ReplicaProvider.Sqlite)]
    [InlineData(ReplicaProvider.Postgres)]
    public async Task Check_RetriedOnAReplicaThatReadTheConsentBefore_IsAnsweredAgainWithoutANewUse(ReplicaProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        var (replicas, r, adminKey) = await sets.GetAsync(provider);
        var partnerKey = (await CreatePartnerAsync(r[0], adminKey)).ApiKey.ApiKey;
        var h1 = TestKeys.NewH1();
        var consentId = (await GrantAsync(r[0], partnerKey, h1, maxUses: 6)).ConsentId;
        var warm = await CheckAsync(r[1], partnerKey, consentId, h1); // r[1] now holds the consent, at one use
        var request = RegistryScenario.CheckRequest(consentId, h1);
        var first = await CheckClient(r[0], partnerKey).CheckAsync(request, cancellationToken: ct); // its response "lost"

        var retried = await CheckClient(r[1], partnerKey).CheckAsync(request, cancellationToken: ct);
        await CheckAsync(r[0], partnerKey, consentId, h1);
        var next = await CheckAsync(r[1], partnerKey, consentId, h1);

        Assert.Equal(first.AuditEntryId, retried.AuditEntryId);
        Assert.Equal([5, 4, 4, 2], new[] { warm.ConsentUsesRemaining, first.ConsentUsesRemaining, retried.ConsentUsesRemaining, next.ConsentUsesRemaining });
        Assert.Equal(4, await replicas.Database.ScalarAsync("SELECT Uses FROM consents WHERE Id = @p0", consentId));
        Assert.Equal(4, await replicas.Database.ScalarAsync("SELECT COUNT(*) FROM audit_entries WHERE ConsentId = @p0 AND Action = 'check'", consentId));
    }

    [Theory(Timeout = 240_000)]
    [InlineData(ReplicaProvider.Sqlite)]
    [InlineData(ReplicaProvider.Postgres)]
    public async Task AuditLog_WrittenThroughEveryReplica_IsOneLogThatVerifiesOnEach(ReplicaProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        var (replicas, r, adminKey) = await sets.GetAsync(provider);
        var partnerKey = (await CreatePartnerAsync(r[0], adminKey)).ApiKey.ApiKey;
        var auditorKey = (await CreatePartnerAsync(r[1], adminKey, Role.Auditor)).ApiKey.ApiKey;

        var receipts = await Task.WhenAll(Enumerable.Range(0, 36).Select(i => GrantAndCheckAsync(r[i % r.Count], partnerKey)));

        await replicas.WaitUntilAllSequencedAsync("every entry of the three replicas sequenced", TimeSpan.FromSeconds(30));
        await AssertOneVerifiableLogAsync(replicas, r, auditorKey, receipts.SelectMany(x => x));
    }

    /// <summary>A consent of the partner, and its key verified (cached) on every replica.</summary>
    private static async Task<string> WarmAsync(IReadOnlyList<Audit.ServiceProcess> r, string key)
    {
        var consentId = (await GrantAsync(r[0], key, TestKeys.NewH1())).ConsentId;
        foreach (var replica in r)
        {
            await ConsentClient(replica, key).GetConsentAsync(new GetConsentRequest { ConsentId = consentId }, cancellationToken: Ct);
        }

        return consentId;
    }

    private static async Task WarmKeyAsync(Audit.ServiceProcess replica, string key)
    {
        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
            await ConsentClient(replica, key).GetConsentAsync(new GetConsentRequest { ConsentId = "c_" + new string('A', 32) }, cancellationToken: Ct));
        Assert.Equal(StatusCode.NotFound, ex.StatusCode); // authenticated (so now cached), then not found
    }

    /// <summary>
    /// Calls <paramref name="replica"/> with the key every <see cref="PollInterval"/> until it is refused as expected (and
    /// stays refused for two more calls); returns when, after the change was acknowledged, the first refused call started.
    /// </summary>
    private static async Task<Lag> RefusalLagAsync(
        Audit.ServiceProcess replica, string key, string consentId, Stopwatch clock, TimeSpan acknowledged, StatusCode code, string reason)
    {
        using var channel = replica.CreateChannel(key);
        var consents = new ConsentService.ConsentServiceClient(channel);
        using var timer = new PeriodicTimer(PollInterval);
        var deadline = acknowledged + CacheDuration + TimeSpan.FromSeconds(20);
        TimeSpan? firstRefused = null;
        var accepted = 0;
        var refused = 0;
        while (refused < 3)
        {
            var startedAt = clock.Elapsed;
            try
            {
                await consents.GetConsentAsync(new GetConsentRequest { ConsentId = consentId }, cancellationToken: Ct);
                Assert.Null(firstRefused); // once refused, never accepted again
                accepted++;
            }
            catch (RpcException ex) when (ex.StatusCode == code && RpcAssert.Reason(ex) == reason)
            {
                firstRefused ??= startedAt;
                refused++;
            }

            Assert.True(clock.Elapsed < deadline, $"replica {replica.Port} still accepted the key {(clock.Elapsed - acknowledged).TotalSeconds:0.0} s after the change");
            await timer.WaitForNextTickAsync(Ct);
        }

        return new Lag(replica.Port, firstRefused!.Value - acknowledged, accepted);
    }

    private void Report(ReplicaProvider provider, string change, Lag[] lags) =>
        output.WriteLine($"{provider}, {change}: " + string.Join("; ", lags.Select((l, i) =>
            $"replica {i}: first refused call started {l.FirstRefused.TotalMilliseconds:0} ms after the acknowledgement, {l.Accepted} calls accepted before")));

    /// <summary>How long after the acknowledged change a replica's first refused call started, and how many it accepted before.</summary>
    private sealed record Lag(int Port, TimeSpan FirstRefused, int Accepted);
}
