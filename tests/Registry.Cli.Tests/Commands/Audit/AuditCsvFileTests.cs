using Registry.Cli.Commands.Audit;

namespace Registry.Cli.Tests.Commands.Audit;

public sealed class AuditCsvFileTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"audit-{Guid.NewGuid():N}.csv");

    public void Dispose() => File.Delete(_path);

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "'=HYPERLINK(")]
    [InlineData("+1+2", "'+1+2")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    public async Task WriteAsync_FormulaLikeCell_IsNeutralised(string requestId, string expected)
    {
        var rows = Rows(new AuditCsvRow { Sequence = 0, EntryId = "e1", RequestId = requestId, Action = "check" });

        await AuditCsvFile.WriteAsync(_path, rows, TestContext.Current.CancellationToken);

        var lines = await File.ReadAllLinesAsync(_path, TestContext.Current.CancellationToken);
        Assert.Contains(expected, lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_PlainRows_WritesHeaderAndOneLinePerRow()
    {
        var rows = Rows(
            new AuditCsvRow { Sequence = 0, EntryId = "e1", Action = "check", Detail = "a, \"quoted\"" },
            new AuditCsvRow { Sequence = 1, EntryId = "e2", Action = "consent.grant" });

        var count = await AuditCsvFile.WriteAsync(_path, rows, TestContext.Current.CancellationToken);

        var lines = await File.ReadAllLinesAsync(_path, TestContext.Current.CancellationToken);
        Assert.Equal(2, count);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("sequence,entry_id,recorded_at,partner_id,key_id,role,action,subject_key", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("0,e1,", lines[1], StringComparison.Ordinal);
        Assert.Contains("\"a, \"\"quoted\"\"\"", lines[1], StringComparison.Ordinal);
        Assert.DoesNotContain("'", lines[2], StringComparison.Ordinal);
    }

    private static async IAsyncEnumerable<AuditCsvRow> Rows(params AuditCsvRow[] rows)
    {
        foreach (var row in rows)
        {
            await Task.Yield();
            yield return row;
        }
    }
}
