using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Registry.Service.Audit;
using Registry.Service.Tests.Infrastructure;

namespace Registry.Service.Tests.Audit;

/// <summary>
/// The auditors' indexes cover sequenced rows only (the writer's inserts then touch no random index page). These
/// tests read SQLite's plan for the queries the handler really builds: each filter must still use its index,
/// which breaks if a query stops implying <c>Sequence IS NOT NULL</c>.
/// </summary>
public sealed partial class AuditIndexPlanTests(RegistryAppFactory factory) : IClassFixture<RegistryAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("subject", "IX_audit_entries_SubjectKey")]
    [InlineData("partner", "IX_audit_entries_PartnerId_Sequence")]
    [InlineData("none", "IX_audit_entries_Sequence")]
    public async Task AuditorQuery_EachFilter_UsesItsSequencedRowsIndex(string filter, string index)
    {
        var query = filter switch
        {
            "subject" => new AuditQuery { SubjectKey = new byte[32] },
            "partner" => new AuditQuery { PartnerId = "p_0123456789abcdef" },
            _ => new AuditQuery(),
        };
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Registry.Service.Infrastructure.RegistryDbContext>();

        var plan = await PlanAsync(AuditQueryHandler.PageQuery(db, query, after: 10, take: 100).ToQueryString());

        Assert.Contains(index, plan, StringComparison.Ordinal);
        Assert.DoesNotMatch(ScanOfTable(), plan);
    }

    [Fact]
    public async Task PendingEntries_InSequencingOrder_UseThePendingIndex()
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Registry.Service.Infrastructure.RegistryDbContext>();

        var plan = await PlanAsync(db.AuditEntries.Where(e => e.Sequence == null).OrderBy(e => e.RecordedAt).ThenBy(e => e.Id).Take(100).ToQueryString());

        Assert.Contains("IX_audit_entries_Pending", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("TEMP B-TREE", plan, StringComparison.Ordinal);
    }

    /// <summary>The sequencing step's prepared statements (<see cref="SequencingCommands"/>) run once a cycle inside a batch: each one is an index look-up.</summary>
    [Theory]
    [InlineData(SequencingCommands.HighestSql, "IX_audit_entries_Sequence")]
    [InlineData(SequencingCommands.AnyPendingSql, "IX_audit_entries_Pending")]
    [InlineData(SequencingCommands.LastCheckpointSql, "audit_checkpoints USING")]
    [InlineData(SequencerLeases.RenewSql, "sequencer_leases USING")]
    public async Task SequencingStepStatements_AreIndexLookups(string sql, string expected)
    {
        _ = factory.Services; // the service is up and the database migrated
        var plan = await PlanAsync(sql);

        Assert.Contains(expected, plan, StringComparison.Ordinal);
        Assert.DoesNotMatch(AnyScan(), plan);
    }

    private async Task<string> PlanAsync(string sql)
    {
        // ToQueryString() starts with ".param set" lines for SQLite's shell; the plan needs only the statement.
        var statement = string.Join('\n', sql.Split('\n').Where(l => !l.StartsWith(".param", StringComparison.Ordinal)));
        await using var connection = new SqliteConnection($"Data Source={factory.DatabasePath};Pooling=False");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + statement;
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var lines = new List<string>();
        while (await reader.ReadAsync(Ct))
        {
            lines.Add(reader.GetString(3));
        }

        return string.Join('\n', lines);
    }

    [GeneratedRegex(@"^SCAN (a|audit_entries)$", RegexOptions.Multiline)]
    private static partial Regex ScanOfTable();

    // A scan of a table without an index (SCAN CONSTANT ROW is the SELECT without FROM; an EXISTS may walk an index).
    [GeneratedRegex(@"^SCAN (?!CONSTANT ROW$)\S+$", RegexOptions.Multiline)]
    private static partial Regex AnyScan();
}
