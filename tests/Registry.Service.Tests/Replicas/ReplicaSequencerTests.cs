using System.Diagnostics;
using Registry.Protos.V1;
using Registry.Service.Tests.Audit;
using Registry.Service.Tests.Infrastructure;
using static Registry.Service.Tests.Replicas.ReplicaCalls;

namespace Registry.Service.Tests.Replicas;

/// <summary>
/// Three replicas write one log; the one holding the audit sequencer lease is killed (SIGKILL): another takes the
/// lease once it expires, numbers the entries the others wrote meanwhile after everything numbered before, and the
/// whole log verifies on every survivor (docs/audit.md, "Sequencing").
/// </summary>
[Collection(ServiceProcessTests.Name)]
public sealed class ReplicaSequencerTests(PostgresServer postgres, ITestOutputHelper output)
{
    // ServiceProcess runs the sequencer every 200 ms with a lease of 1.5 s.
    private static readonly TimeSpan SequencingTimeout = TimeSpan.FromSeconds(30);

    [Theory(Timeout = 240_000)]
    [InlineData(ReplicaProvider.Sqlite)]
    [InlineData(ReplicaProvider.Postgres)]
    public async Task Sequencer_HolderKilled_AnotherReplicaTakesTheLeaseAndNumbersTheEntriesWrittenMeanwhile(ReplicaProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var replicas = await ReplicaSet.CreateAsync(provider, postgres, ct);
        var started = await replicas.StartAsync(3);
        var adminKey = await replicas.AdminKeyAsync();
        var partnerKey = (await CreatePartnerAsync(started[0], adminKey)).ApiKey.ApiKey;
        var auditorKey = (await CreatePartnerAsync(started[1], adminKey, Role.Auditor)).ApiKey.ApiKey;
        var before = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => GrantAndCheckAsync(started[i % 3], partnerKey)));
        await replicas.WaitUntilAllSequencedAsync("every entry of the three replicas sequenced", SequencingTimeout);
        var numberedBefore = await replicas.Database.ScalarAsync("SELECT MAX(Sequence) FROM audit_entries");
        var holder = await replicas.LeaseHolderProcessAsync();
        Assert.NotNull(holder);
        var survivors = started.Where(p => p != holder).ToArray();
        var clock = Stopwatch.StartNew();

        holder.Kill();
        var meanwhile = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => GrantAndCheckAsync(survivors[i % 2], partnerKey)));

        await Eventually.UntilAsync(async () => await replicas.LeaseHolderProcessAsync() is { } next && next != holder,
            SequencingTimeout, () => "a survivor to take the lease; outputs:\n" + replicas.Outputs);
        var takeover = clock.Elapsed;
        await replicas.WaitUntilAllSequencedAsync("the new holder to number the entries written after the kill", SequencingTimeout);
        var firstAfter = await replicas.Database.ScalarAsync(
            $"SELECT MIN(Sequence) FROM audit_entries WHERE Id IN ({string.Join(", ", meanwhile.SelectMany(r => r).Select((_, i) => "@p" + i))})",
            [.. meanwhile.SelectMany(r => r)]);
        Assert.True(firstAfter > numberedBefore, $"an entry written after the kill was numbered {firstAfter}, inside the {numberedBefore + 1} numbered before");
        await AssertOneVerifiableLogAsync(replicas, survivors, auditorKey, before.Concat(meanwhile).SelectMany(r => r));
        Assert.All(survivors, p => Assert.Empty(p.Failures));
        output.WriteLine($"{provider}: lease taken over {takeover.TotalSeconds:0.0} s after the holder was killed (lease 1.5 s); " +
            $"{numberedBefore + 1} entries numbered before, {meanwhile.Length * 2} written meanwhile");
    }
}
