using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Registry.Cli.Commands.Import;
using Registry.Cli.Infrastructure;

namespace Registry.Cli.Tests.Commands.Import;

/// <summary>
/// Hostile CSV (issue 10, item 4): huge fields, a million columns in a row or in the header, invalid UTF-8, NUL and control
/// characters, binary garbage. Each is refused with a reason and a line, memory stays bounded, and nothing hostile is
/// echoed unbounded into a reason.
/// </summary>
public sealed class ImportHostileInputTests : IDisposable
{
    private const int MillionColumns = 1_000_000;
    private static readonly string GoodRow = $"S1;c1;{ImportTestFiles.Iin1};;;criminal_conviction;ст. 106;KZ-71;Суд г. Астаны;2024-03-01;;;active";

    private readonly ImportTestFiles _files = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero));

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Read_AFieldOverTheRecordBound_StopsAtItsLine()
    {
        var huge = new string('x', ImportFile.MaxRecordBytes + 1);
        var path = _files.WriteRows("court.csv", GoodRow, GoodRow.Replace("Суд г. Астаны", huge, StringComparison.Ordinal), GoodRow);

        var error = await Assert.ThrowsAsync<CliUsageException>(() => ParseAsync(path));

        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Length < 400, error.Message);
    }

    [Fact]
    public async Task Read_AFieldUnderTheRecordBoundButOverItsColumn_IsRejectedWithoutEchoingIt()
    {
        var path = _files.WriteRows("court.csv", GoodRow.Replace("criminal_conviction", new string('c', 500_000), StringComparison.Ordinal), GoodRow);

        var results = await ParseAsync(path);

        Assert.Equal(("category", 2L), (results[0].Rejection!.Field, results[0].Rejection!.Line));
        Assert.True(results[0].Rejection!.Reason.Length < 300, "the reason repeats the value");
        Assert.Null(results[1].Rejection);
    }

    [Fact]
    public async Task Read_ARowWithAMillionColumns_IsRejectedForItsFieldCountInLinearTime()
    {
        var path = _files.WriteRows("court.csv", GoodRow, new string(';', MillionColumns - 1), GoodRow);
        var clock = Stopwatch.StartNew();

        var results = await ParseAsync(path);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"{clock.Elapsed}");
        Assert.Equal([null, "row", null], results.Select(r => r.Rejection?.Field));
        Assert.Equal(3L, results[1].Line);
        Assert.Contains("1000000 fields and the header 13", results[1].Rejection!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_AHeaderWithAMillionColumns_IsAUsageError()
    {
        var path = _files.Write("court.csv", ImportTestFiles.Header + new string(';', MillionColumns - 13) + "\n" + GoodRow + "\n");

        var error = await Assert.ThrowsAsync<CliUsageException>(() => ImportFile.OpenAsync(path, TestContext.Current.CancellationToken));

        Assert.Contains("1000000 columns", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_InvalidUtf8InARow_RejectsThatRowNamingItsColumn()
    {
        var path = WriteBytes(GoodRow, GoodRow.Replace("Суд г. Астаны", "Суд \uFFFF", StringComparison.Ordinal), GoodRow);

        var results = await ParseAsync(path);

        Assert.Equal([null, "court", null], results.Select(r => r.Rejection?.Field));
        Assert.Equal(3L, results[1].Line);
        Assert.Contains("UTF-8", results[1].Rejection!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_InvalidUtf8InTheHeader_IsAUsageError()
    {
        var path = WriteBytes(ImportTestFiles.Header.Replace("court", "co\uFFFFrt", StringComparison.Ordinal), GoodRow);

        var error = await Assert.ThrowsAsync<CliUsageException>(() => ImportFile.OpenAsync(path, TestContext.Current.CancellationToken));

        Assert.Contains("UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("source_id", "S1\0")]
    [InlineData("case_number", "c\u00011")]
    [InlineData("iin", "9005213891\041")]
    [InlineData("full_name", "Иван\0ов")]
    [InlineData("category", "criminal\0conviction")]
    [InlineData("article", "ст.\0106")]
    [InlineData("region", "KZ-\u001B71")]
    [InlineData("court", "Суд\u0007")]
    [InlineData("decision_date", "2024-03-01\0")]
    [InlineData("status", "active\u007F")]
    public async Task Read_NulOrControlCharacterInAField_RejectsTheRowWithoutEchoingIt(string column, string value)
    {
        var fields = GoodRow.Split(';');
        fields[Array.IndexOf(ImportTestFiles.Header.Split(';'), column)] = value;
        if (column == "full_name")
        {
            fields[4] = "1990-05-21";
        }

        var path = _files.WriteRows("court.csv", string.Join(';', fields), GoodRow);

        var results = await ParseAsync(path);

        Assert.Equal(column, results[0].Rejection?.Field);
        Assert.DoesNotContain(results[0].Rejection!.Reason, c => char.IsControl(c));
        Assert.Null(results[1].Rejection);
    }

    [Fact]
    public async Task Open_BinaryGarbage_IsAUsageError()
    {
        var path = Path.Combine(_files.Directory, "court.csv");
        var bytes = new byte[4 << 20];
        new Random(10).NextBytes(bytes);
        await File.WriteAllBytesAsync(path, bytes, TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<CliUsageException>(() => ParseAsync(path));

        Assert.True(error.Message.Length < 400, error.Message);
        Assert.DoesNotContain(error.Message, c => char.IsControl(c) || c == '\uFFFD');
    }

    /// <summary>Writes a file of the header and rows in UTF-8, with every U+FFFF turned into the invalid byte 0xFF.</summary>
    private string WriteBytes(params string[] lines)
    {
        var path = Path.Combine(_files.Directory, "court.csv");
        var text = string.Join("\n", lines.Length > 0 && lines[0].StartsWith("source_id", StringComparison.Ordinal) ? lines : [ImportTestFiles.Header, .. lines]) + "\n";
        var bytes = Encoding.UTF8.GetBytes(text.Replace('\uFFFF', '\u0001')).Select(b => b == 0x01 ? (byte)0xFF : b).ToArray();
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private async Task<List<(long Line, ImportRejection? Rejection)>> ParseAsync(string path)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var file = await ImportFile.OpenAsync(path, ct);
        var parser = new RecordRowParser(file.Header, _clock);
        var results = new List<(long, ImportRejection?)>();
        await foreach (var record in file.ReadAsync(ct))
        {
            parser.Parse(record, out var rejection);
            results.Add((record.Line, rejection));
        }

        return results;
    }
}
