using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Registry.Protos.V1;
using Registry.Service.Audit;
using Registry.Service.Tests.Infrastructure;

namespace Registry.Service.Tests.Audit;

/// <summary>
/// A change that outlasts the lease holder's numbering window while another replica takes the lease and numbers the
/// pending entries. On PostgreSQL a change can wait that long for a row lock held by another replica's transaction (the
/// loser of the bootstrap race waits for the winner's partner row, and meanwhile its own sequencer, kept out by the writer,
/// cannot renew the lease). The writer must not fail the call for it: the entry is still recorded. Found by
/// <c>Replicas/ReplicaStartTests</c> (docs/reliability.md, "Still open in issue 11"); here two in-process hosts with fake
/// clocks on one PostgreSQL database make it happen every time. (On SQLite it cannot: the writer's transaction holds the
/// file's write lock from its start, so no other replica numbers anything meanwhile.)
/// </summary>
public sealed class AuditStaleNumberingTests(PostgresServer postgres)
{
    [Fact(Timeout = 120_000)]
    public async Task Append_ChangeOutlastsTheNumberingWindowWhileAnotherReplicaTakesTheLease_RecordsTheEntry()
    {
        var ct = TestContext.Current.CancellationToken;
        using var first = new RegistryAppFactory().WithPostgres(await postgres.AdminConnectionStringAsync(ct));
        using var second = new RegistryAppFactory().With("Registry:Database:Provider", "Postgres")
            .With("ConnectionStrings:Registry", first.PostgresConnectionString);
        var firstLog = new AuditTestLog(first);
        var secondLog = new AuditTestLog(second);
        var scenario = new RegistryScenario(first);
        var key = await scenario.CreatePartnerKeyAsync();
        Assert.True((await firstLog.SequenceAsync()).IsHolder);
        var pending = await new ConsentService.ConsentServiceClient(second.CreateChannel(key))
            .GrantConsentAsync(scenario.GrantRequest(TestKeys.NewH1()), cancellationToken: ct); // unsequenced: the second is no holder
        var record = new AuditRecord { Action = AuditActions.AuditResume, Actor = null, Outcome = AuditOutcomes.Ok, Detail = "slow change" };
        SequencingResult? takeover = null;

        var receipt = await first.Services.GetRequiredService<IAuditLog>().AppendAsync(record, async (_, _) =>
        {
            // While this change runs, the first's lease runs out and the second takes it and numbers the pending entry.
            first.Clock.Advance(TimeSpan.FromSeconds(11));
            second.Clock.Advance(TimeSpan.FromSeconds(11));
            takeover = await secondLog.SequenceAsync();
            return null;
        }, ct);

        Assert.True(takeover?.IsHolder, "the second replica took the lease during the change");
        await using var connection = new NpgsqlConnection(first.PostgresConnectionString);
        await connection.OpenAsync(ct);
        Assert.NotNull(await ScalarAsync(connection, "SELECT sequence FROM audit_entries WHERE id = @id", pending.AuditEntryId));
        Assert.Equal(1L, await ScalarAsync(connection, "SELECT COUNT(*) FROM audit_entries WHERE id = @id", receipt.EntryId));
        await secondLog.SequenceAsync();
        var verified = await (await firstLog.AuditorAsync()).VerifyAuditLogAsync(new VerifyAuditLogRequest(), cancellationToken: ct);
        Assert.True(verified.Ok, verified.Message);
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql, string id)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", id);
        var value = await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
        return value is DBNull ? null : value;
    }
}
