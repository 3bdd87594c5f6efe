using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Registry.Service.Identity;
using Registry.Service.Import;
using Registry.Service.Infrastructure;
using Registry.Service.Records;

namespace Registry.Service.Tests.Import;

/// <summary>
/// Every statement of the PostgreSQL import path that reads or changes existing rows is index-driven on a registry of
/// realistic size, for a full batch (1,000 keys), both as planned for the batch's values and as the generic plan that
/// auto-prepared statements switch to: these tests read PostgreSQL's plan (<c>EXPLAIN</c>) of the exact SQL the path runs.
/// And the path turns PostgreSQL's JIT off on its connection (see <see cref="PostgresRecordImportCommands.NoJitSql"/>).
/// </summary>
public sealed partial class PostgresImportPlanTests : IClassFixture<PostgresImportPlanTests.Registry>
{
    private const int BatchRows = 1_000;
    private readonly Registry _registry;

    public PostgresImportPlanTests(Registry registry)
    {
        PostgresImportAppFactory.SkipUnlessAvailable();
        _registry = registry;
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<bool> PlanModes => [false, true];

    [Theory]
    [MemberData(nameof(PlanModes))]
    public async Task Find_AFullBatch_ProbesTheRecordKeyIndexAndTheLinksPrimaryKey(bool generic)
    {
        var plan = await PlanAsync(PostgresRecordImportCommands.FindSql, generic,
            ("@sources", "text[]", Series(i => $"SRC{i % 20}")), ("@cases", "text[]", Series(i => $"C-{i * 97}")));

        Assert.Matches(@"Index Scan using ""IX_records_sourceid_casenumber"" on records r", plan);
        Assert.Matches(@"Index (Only )?Scan using ""PK_record_subjects"" on record_subjects s", plan);
        Assert.DoesNotMatch(AnyScan(), plan);
    }

    [Theory]
    [MemberData(nameof(PlanModes))]
    public async Task Update_AFullBatch_ProbesTheRecordsPrimaryKey(bool generic)
    {
        var plan = await PlanAsync(PostgresRecordImportCommands.UpdateSql, generic,
            ("@ids", "bigint[]", Series(i => $"{i * 97}")), ("@categories", "text[]", Series(_ => "CriminalConviction")),
            ("@articles", "text[]", Series(_ => "art. 73")), ("@regions", "text[]", Series(_ => "KZ-75")), ("@courts", "text[]", Series(_ => "court")),
            ("@decisions", "date[]", Series(_ => "2024-01-01")), ("@froms", "date[]", Series(_ => "2024-01-01")),
            ("@expires", "date[]", Series(_ => "NULL")), ("@statuses", "text[]", Series(_ => "Overturned")),
            ("@versions", "uuid[]", Series(_ => Guid.NewGuid().ToString())), ("@now", "timestamptz", "'2026-11-25 10:00:00Z'"));

        Assert.Matches(@"Index Scan using ""PK_records"" on records r", plan);
        Assert.DoesNotMatch(AnyScan(), plan);
    }

    [Theory]
    [MemberData(nameof(PlanModes))]
    public async Task DeleteSubjects_AFullBatch_ProbesTheLinksPrimaryKey(bool generic)
    {
        var plan = await PlanAsync(PostgresRecordImportCommands.DeleteSubjectsSql, generic, ("@ids", "bigint[]", Series(i => $"{i * 97}")));

        Assert.Matches(@"Index Scan using ""PK_record_subjects"" on record_subjects", plan);
        Assert.DoesNotMatch(AnyScan(), plan);
    }

    [Fact]
    public async Task Classify_ABatch_TurnsJitOffOnItsConnection()
    {
        await using var db = await _registry.Factory.Services.GetRequiredService<IDbContextFactory<RegistryDbContext>>().CreateDbContextAsync(Ct);
        await db.Database.OpenConnectionAsync(Ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using (var on = new NpgsqlCommand("SET jit = on", connection))
        {
            await on.ExecuteNonQueryAsync(Ct);
        }

        using var sut = new PostgresRecordImportCommands(connection, db.Model);

        sut.Classify([new ImportRow(2, "SRC1", "C-1", RecordCategory.CriminalConviction, null, null, null, new DateOnly(2024, 1, 1), null, null,
            RecordStatus.Active, [new SubjectKey(new byte[32], "test1")])], []);

        await using var show = new NpgsqlCommand("SHOW jit", connection);
        Assert.Equal("off", await show.ExecuteScalarAsync(Ct));
    }

    /// <summary>An array literal of a full batch's values: <paramref name="value"/> of 1..1000, quoted.</summary>
    private static string Series(Func<int, string> value) =>
        "'{" + string.Join(",", Enumerable.Range(1, BatchRows).Select(i => value(i) is "NULL" ? "NULL" : $"\"{value(i)}\"")) + "}'";

    /// <summary>
    /// The plan of <paramref name="sql"/> for these values, or (<paramref name="generic"/>) the generic plan a prepared
    /// statement is given once PostgreSQL stops planning it per execution: prepared, then explained with
    /// <c>plan_cache_mode = force_generic_plan</c>, so that the plan cannot look at the values.
    /// </summary>
    private async Task<string> PlanAsync(string sql, bool generic, params (string Name, string Type, string Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(_registry.Factory.PostgresConnectionString);
        await connection.OpenAsync(Ct);
        var positional = sql;
        for (var i = 0; i < parameters.Length; i++)
        {
            positional = Regex.Replace(positional, $@"{parameters[i].Name}\b", $"${i + 1}");
        }

        // PREPARE and EXECUTE take no protocol parameters: the statement goes in through DO, the values as literals.
        var types = string.Join(", ", parameters.Select(p => p.Type));
        var values = string.Join(", ", parameters.Select(p => $"{p.Value}::{p.Type}"));
        await using var command = new NpgsqlCommand(
            $"SET plan_cache_mode = {(generic ? "force_generic_plan" : "force_custom_plan")}; " +
            $"DO $do$ BEGIN EXECUTE $q$PREPARE planned ({types}) AS {positional}$q$; END $do$; " +
            $"EXPLAIN EXECUTE planned ({values})", connection);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var lines = new List<string>();
        while (await reader.ReadAsync(Ct))
        {
            lines.Add(reader.GetString(0));
        }

        var plan = string.Join('\n', lines);
        TestContext.Current.TestOutputHelper?.WriteLine(plan);
        return plan;
    }

    [GeneratedRegex(@"Seq Scan on (records|record_subjects)\b")]
    private static partial Regex AnyScan();

    /// <summary>
    /// A migrated PostgreSQL registry of 1,000,000 records and 1,050,000 subject links (5 % of records have two), filled
    /// inside the server with <c>generate_series</c>, then ANALYZEd so the planner sees the real row counts.
    /// </summary>
    public sealed class Registry : IAsyncLifetime
    {
        public const int Records = 1_000_000;

        public PostgresImportAppFactory Factory { get; } = new();

        public async ValueTask InitializeAsync()
        {
            if (Factory.PostgresConnectionString is not { } database)
            {
                return;
            }

            _ = Factory.Services; // starts the service, which migrates the database
            await using var connection = new NpgsqlConnection(database);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"""
                INSERT INTO records (id, sourceid, casenumber, category, article, region, court, decisiondate, effectivefrom, expiresat, status, createdat, updatedat, version)
                OVERRIDING SYSTEM VALUE
                SELECT i, 'SRC' || (i % 20), 'C-' || i, 'CriminalConviction', 'art. 73', 'KZ-75', 'court', DATE '2024-01-01', NULL, NULL, 'Active',
                       TIMESTAMPTZ '2026-01-01 00:00:00Z', TIMESTAMPTZ '2026-01-01 00:00:00Z', md5(i::text)::uuid
                FROM generate_series(1, {Records}) AS i;
                INSERT INTO record_subjects (recordid, subjectkey, subjectkeyid, subjectprefix)
                SELECT i, k, 'test1', ('x' || encode(substr(k, 1, 8), 'hex'))::bit(64)::bigint FROM (
                    SELECT i, sha256(int8send(i)) AS k FROM generate_series(1, {Records}) AS i
                    UNION ALL SELECT i, sha256(int8send(-i)) FROM generate_series(20, {Records}, 20) AS i) AS l;
                ANALYZE records; ANALYZE record_subjects;
                """, connection) { CommandTimeout = 900 };
            await command.ExecuteNonQueryAsync();
        }

        public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
    }
}
