using Registry.Service.Tests.Infrastructure;

namespace Registry.Service.Tests.Replicas;

/// <summary>
/// Three real service processes started at the same moment on one empty database (a SQLite file, or a PostgreSQL
/// database): they migrate it once, exactly one of them creates the first admin key, and all three serve.
/// </summary>
public sealed class ReplicaStartTests(PostgresServer postgres, ITestOutputHelper output)
{
    [Theory(Timeout = 180_000)]
    [InlineData(ReplicaProvider.Sqlite)]
    [InlineData(ReplicaProvider.Postgres)]
    public async Task Start_ThreeReplicasAtOnceOnAnEmptyDatabase_MigrateItOnceAndAllServe(ReplicaProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var replicas = await ReplicaSet.CreateAsync(provider, postgres, ct);

        var started = await replicas.StartAsync(3);

        Assert.All(started, p => Assert.False(p.HasExited, replicas.Outputs));
        Assert.All(started, p => Assert.Empty(p.Failures));
        var applied = await replicas.Database.ColumnAsync("SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\" ORDER BY \"MigrationId\"");
        Assert.Equal(replicas.Database.Migrations().Order(StringComparer.Ordinal), applied);
        Assert.Equal(1, await replicas.Database.ScalarAsync("SELECT COUNT(*) FROM partners"));
        Assert.Equal(1, await replicas.Database.ScalarAsync("SELECT COUNT(*) FROM api_keys"));
        // A replica that lost the race to the unique name may have recorded its attempt as refused; one succeeded.
        Assert.Equal(1, await replicas.Database.ScalarAsync("SELECT COUNT(*) FROM audit_entries WHERE Action = 'partner.create' AND Outcome = 'ok'"));
        var refused = await replicas.Database.ScalarAsync("SELECT COUNT(*) FROM audit_entries WHERE Action = 'partner.create' AND Outcome <> 'ok'");
        Assert.Equal(refused, await replicas.Database.ScalarAsync(
            "SELECT COUNT(*) FROM audit_entries WHERE Action = 'partner.create' AND Outcome = 'refused' AND Reason = 'PARTNER_EXISTS'"));
        output.WriteLine($"{provider}: 3 replicas started at once; {applied.Count} migration(s) applied once; 1 admin key; {refused} lost bootstrap race(s) recorded as refused");
    }
}
