using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Registry.Service.Consent;
using Registry.Service.Import;
using Registry.Service.Records;

namespace Registry.Service.Tests.Checks;

/// <summary>
/// Every statement on the check path is index-driven on a registry of realistic size (<see cref="ScaleDatabase"/>):
/// these tests read SQLite's plan for the exact SQL the check path prepares. A plan that scans a table (as the
/// former EF query did: <c>SCAN records</c> with a probe per row, 0.4 s a check at a million records) fails them.
/// </summary>
public sealed partial class CheckQueryPlanTests(ScaleDatabase database) : IClassFixture<ScaleDatabase>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RecordFactsLookup_AtAMillionRecords_SearchesTheSubjectPrefixIndexThenTheRecordsKey()
    {
        var plan = await PlanAsync(RecordFactsLookupCommand.Sql, ("@prefix", 0L), ("@key", new byte[32]));

        Assert.Matches(@"SEARCH s USING INDEX IX_record_subjects_SubjectPrefix \(SubjectPrefix=\?\)", plan);
        Assert.Matches(@"SEARCH r USING INTEGER PRIMARY KEY \(rowid=\?\)", plan);
        Assert.DoesNotMatch(AnyScan(), plan);
    }

    [Fact]
    public async Task ConsentLookup_AtAHundredThousandConsents_SearchesThePrimaryKey()
    {
        var plan = await PlanAsync(ConsentLookupCommand.Sql, ("@id", "c_0123"));

        Assert.Matches(@"SEARCH consents USING INDEX sqlite_autoindex_consents_1 \(Id=\?\)", plan);
        Assert.DoesNotMatch(AnyScan(), plan);
    }

    [Fact]
    public async Task ConsentUse_AtAHundredThousandConsents_SearchesThePrimaryKey()
    {
        var plan = await PlanAsync(ConsentUseCommand.UpdateSql, ("@id", "c_0123"), ("@request", "r"), ("@now", "2026-11-25 10:00:00"));

        Assert.Matches(@"SEARCH consents USING INDEX sqlite_autoindex_consents_1 \(Id=\?\)", plan);
        Assert.DoesNotMatch(AnyScan(), plan);
    }

    [Fact]
    public async Task ImportFind_AtAMillionRecords_SearchesTheRecordKeyIndex()
    {
        var plan = await PlanAsync(RecordImportCommands.FindSql, ("@source", "VKO-POLICE"), ("@case", "2021-000117"));

        Assert.Matches(@"SEARCH records USING INDEX IX_records_SourceId_CaseNumber \(SourceId=\? AND CaseNumber=\?\)", plan);
        Assert.DoesNotMatch(AnyScan(), plan);
    }

    [Fact]
    public async Task ImportSubjects_AtAMillionRecords_SearchesThePrimaryKeyPrefix()
    {
        var plan = await PlanAsync(RecordImportCommands.SubjectsSql, ("@id", 123_456L));

        Assert.Matches(@"SEARCH record_subjects USING (COVERING )?INDEX sqlite_autoindex_record_subjects_1 \(RecordId=\?\)", plan);
        Assert.DoesNotMatch(AnyScan(), plan);
    }

    [Fact]
    public async Task ScaleDatabase_HoldsTheRealisticCounts()
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT COUNT(*) FROM records), (SELECT COUNT(*) FROM record_subjects), (SELECT COUNT(*) FROM consents)";

        await using var reader = await command.ExecuteReaderAsync(Ct);

        Assert.True(await reader.ReadAsync(Ct));
        Assert.Equal(ScaleDatabase.Records, reader.GetInt64(0));
        Assert.Equal(ScaleDatabase.Records + (ScaleDatabase.Records / 20), reader.GetInt64(1));
        Assert.True(reader.GetInt64(2) >= ScaleDatabase.Consents);
    }

    private async Task<string> PlanAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await using var reader = await command.ExecuteReaderAsync(Ct);
        var lines = new List<string>();
        while (await reader.ReadAsync(Ct))
        {
            lines.Add(reader.GetString(3));
        }

        return string.Join('\n', lines);
    }

    private async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection($"Data Source={database.Factory.DatabasePath};Pooling=False");
        await connection.OpenAsync(Ct);
        return connection;
    }

    [GeneratedRegex(@"^SCAN ", RegexOptions.Multiline)]
    private static partial Regex AnyScan();
}
