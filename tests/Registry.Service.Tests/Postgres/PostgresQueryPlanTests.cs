using System.Data.Common;
using Npgsql;
using NpgsqlTypes;
using Registry.Service.Consent;
using Registry.Service.Records;
using Registry.Service.Tests.Infrastructure;

namespace Registry.Service.Tests.Postgres;

/// <summary>
/// The check path's statements are index-driven on PostgreSQL too, on a registry of realistic size
/// (<see cref="PostgresScaleDatabase"/>: a million records, 1.05 million subject links, a hundred thousand consents,
/// analysed): these tests read PostgreSQL's plan for the exact SQL the check path prepares. A sequential scan fails them.
/// </summary>
public sealed class PostgresQueryPlanTests : IClassFixture<PostgresScaleDatabase>
{
    private readonly PostgresScaleDatabase _database;

    public PostgresQueryPlanTests(PostgresScaleDatabase database)
    {
        PostgresTestServer.SkipUnlessAvailable();
        _database = database;
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RecordFactsLookup_AtAMillionRecords_UsesTheSubjectPrefixIndexThenTheRecordsKey()
    {
        var plan = await PlanAsync(RecordFactsLookupCommand.Sql, ("@prefix", NpgsqlDbType.Bigint, 0L), ("@key", NpgsqlDbType.Bytea, new byte[32]));

        Assert.Matches(@"Index Scan using ""IX_record_subjects_subjectprefix"" on record_subjects", plan);
        Assert.Matches(@"Index Scan using ""PK_records"" on records", plan);
        Assert.DoesNotContain("Seq Scan", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConsentLookup_AtAHundredThousandConsents_UsesThePrimaryKey()
    {
        var plan = await PlanAsync(ConsentLookupCommand.Sql, ("@id", NpgsqlDbType.Text, "c_0123"));

        Assert.Matches(@"Index Scan using ""PK_consents"" on consents", plan);
        Assert.DoesNotContain("Seq Scan", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConsentUse_AtAHundredThousandConsents_UsesThePrimaryKey()
    {
        var plan = await PlanAsync(ConsentUseCommand.UpdateSql,
            ("@id", NpgsqlDbType.Text, "c_0123"), ("@request", NpgsqlDbType.Text, "r"), ("@digest", NpgsqlDbType.Bytea, new byte[32]),
            ("@entry", NpgsqlDbType.Text, "e"), ("@now", NpgsqlDbType.TimestampTz, RegistryAppFactory.StartTime.UtcDateTime));

        Assert.Matches(@"Index Scan using ""PK_consents"" on consents", plan);
        Assert.DoesNotContain("Seq Scan", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScaleDatabase_HoldsTheRealisticCounts()
    {
        await using var connection = await _database.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT COUNT(*) FROM records), (SELECT COUNT(*) FROM record_subjects), (SELECT COUNT(*) FROM consents)";

        await using var reader = await command.ExecuteReaderAsync(Ct);

        Assert.True(await reader.ReadAsync(Ct));
        Assert.Equal(PostgresScaleDatabase.Records, reader.GetInt64(0));
        Assert.Equal(PostgresScaleDatabase.Records + (PostgresScaleDatabase.Records / 20), reader.GetInt64(1));
        Assert.Equal(PostgresScaleDatabase.Consents, reader.GetInt64(2));
    }

    private async Task<string> PlanAsync(string sql, params (string Name, NpgsqlDbType Type, object Value)[] parameters)
    {
        await using var connection = await _database.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN " + sql;
        foreach (var (name, type, value) in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter(name, type) { Value = value });
        }

        await using var reader = await command.ExecuteReaderAsync(Ct);
        var lines = new List<string>();
        while (await reader.ReadAsync(Ct))
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join('\n', lines);
    }
}

/// <summary>
/// A PostgreSQL registry migrated by the service and filled at national scale with SQL (<c>generate_series</c>), then
/// analysed, so that the planner sees the real row counts: built once for the class.
/// </summary>
public sealed class PostgresScaleDatabase : IAsyncLifetime
{
    public const int Records = 1_000_000;
    public const int Consents = 100_000;

    private RegistryAppFactory? _factory;

    public async ValueTask InitializeAsync()
    {
        if (PostgresTestServer.ConnectionString is not { } server)
        {
            return; // the tests skip (or fail when PostgreSQL is required)
        }

        _factory = new RegistryAppFactory().WithPostgres(server);
        _ = _factory.AdminApiKey; // starts the service: migrates and bootstraps
        await using var connection = await OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandTimeout = 600;
        // The secondary indexes are dropped for the load and re-created afterwards from their own migrated definitions
        // (one sort each instead of a million random inserts), as the benchmark seeder does.
        command.CommandText = $"""
            CREATE TEMP TABLE saved_indexes AS SELECT indexname, indexdef FROM pg_indexes
            WHERE tablename IN ('records', 'record_subjects') AND indexname LIKE 'IX_%';
            DO $$ DECLARE i record; BEGIN
                FOR i IN SELECT indexname FROM saved_indexes LOOP EXECUTE format('DROP INDEX %I', i.indexname); END LOOP;
            END $$;
            INSERT INTO partners (id, name, normalizedname, role, allowedpurposes, issuspended, createdat, version)
            VALUES ('p_scale', 'Scale partner', 'SCALE PARTNER', 'Partner', 'DatingSafety', false, now(), gen_random_uuid());
            INSERT INTO records (sourceid, casenumber, category, status, decisiondate, createdat, updatedat, version)
            SELECT 'SRC-' || (i % 20), 'C-' || i, 'ProtectiveOrder', 'Active', date '2020-01-01' + (i % 1500), now(), now(), gen_random_uuid()
            FROM generate_series(1, {Records}) AS i;
            INSERT INTO record_subjects (recordid, subjectkey, subjectkeyid, subjectprefix)
            SELECT id, k, 'test1', ('x' || encode(substr(k, 1, 8), 'hex'))::bit(64)::bigint FROM (SELECT id, sha256(int8send(id)) AS k FROM records) AS l;
            INSERT INTO record_subjects (recordid, subjectkey, subjectkeyid, subjectprefix)
            SELECT id, k, 'test1', ('x' || encode(substr(k, 1, 8), 'hex'))::bit(64)::bigint
            FROM (SELECT id, sha256(int8send(-id)) AS k FROM records WHERE id % 20 = 0) AS l;
            INSERT INTO consents (id, partnerid, subjectkey, subjectkeyid, purpose, scope, grantedat, expiresat, maxuses, uses,
                evidencekind, evidencereference, evidencecapturedat)
            SELECT 'c_' || i, 'p_scale', sha256(int8send(i)), 'test1', 'DatingSafety', 'Summary', now(), now() + interval '30 days', 100, 0,
                'SmsOtp', 'otp-' || i, now()
            FROM generate_series(1, {Consents}) AS i;
            DO $$ DECLARE i record; BEGIN
                FOR i IN SELECT indexdef FROM saved_indexes LOOP EXECUTE i.indexdef; END LOOP;
            END $$;
            ANALYZE;
            """;
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(_factory!.PostgresConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    public ValueTask DisposeAsync()
    {
        _factory?.Dispose();
        return ValueTask.CompletedTask;
    }
}
