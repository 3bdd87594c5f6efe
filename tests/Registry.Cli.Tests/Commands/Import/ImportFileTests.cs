using Microsoft.Extensions.Time.Testing;
using Registry.Cli.Commands.Import;
using Registry.Cli.Infrastructure;
using Registry.Client.Admin;
using Registry.Client.Checks;

namespace Registry.Cli.Tests.Commands.Import;

/// <summary>Reading real export files: delimiters, BOM, line endings, RFC 4180 quoting, header order and line numbers.</summary>
public sealed class ImportFileTests : IDisposable
{
    private readonly ImportTestFiles _files = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero));

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Read_Sample_ParsesEveryGoodRowWithItsLine()
    {
        var rows = await ParseAsync(ImportTestFiles.SamplePath);

        Assert.Equal([2L, 3, 4, 5, 6, 7], rows.Where(r => r.Row is not null).Select(r => r.Line));
        var almaty = rows.Single(r => r.Line == 5).Row!;
        Assert.Equal("KZ-75", almaty.Region);
        Assert.Equal("Специализированный межрайонный суд \"по делам несовершеннолетних\" г. Алматы", almaty.Court);
        Assert.Equal(new DateOnly(2023, 2, 12), almaty.DecisionDate);
        Assert.Equal(new DateOnly(2023, 8, 12), almaty.ExpiresAt);
        Assert.Equal(RecordCategory.RestrainingOrder, almaty.Category);
        Assert.Equal(2, almaty.Identities.Count);
        Assert.Equal(["KZ-63", "KZ-35", "KZ-71", "KZ-75", "KZ-39", "KZ-55"], rows.Where(r => r.Row is not null).Select(r => r.Row!.Region));
    }

    [Theory]
    [InlineData(',', false, "\r\n")]
    [InlineData(';', false, "\n")]
    [InlineData(',', true, "\n")]
    [InlineData(';', true, "\r\n")]
    public async Task Read_DelimiterBomAndLineEnding_AreDetected(char delimiter, bool bom, string newLine)
    {
        var d = delimiter;
        var path = _files.Write("court.csv", $"""
            source_id{d}case_number{d}iin{d}category{d}decision_date{d}status{d}court
            S1{d}c1{d}{ImportTestFiles.Iin1}{d}criminal_conviction{d}2024-03-01{d}active{d}"Суд{d} ""первый""
            второй этаж"
            S1{d}c2{d}{ImportTestFiles.Iin1}{d}protective_order{d}01.03.2024{d}expired{d}plain
            """, bom, newLine);

        await using var file = await ImportFile.OpenAsync(path, TestContext.Current.CancellationToken);
        var rows = await ParseAsync(path);

        Assert.Equal(delimiter, file.Delimiter);
        Assert.Equal(bom, file.HasByteOrderMark);
        Assert.Equal([2L, 4], rows.Select(r => r.Line));
        Assert.All(rows, r => Assert.Null(r.Rejection));
        Assert.Equal($"Суд{d} \"первый\"{newLine}второй этаж", rows[0].Row!.Court);
        Assert.Equal("S1", rows[0].Row!.SourceId);
    }

    [Fact]
    public async Task Read_HeaderInAnyOrderAndCase_FindsTheColumns()
    {
        var path = _files.Write("court.csv", $"""
             Status ,DECISION_DATE,Category,IIN,Case_Number,Source_ID,extra
            overturned,2024-03-01,administrative_offense,{ImportTestFiles.Iin1},c1,S1,x
            """);

        var row = Assert.Single(await ParseAsync(path)).Row!;

        Assert.Equal(("S1", "c1", RecordStatus.Overturned, RecordCategory.AdministrativeOffense), (row.SourceId, row.CaseNumber, row.Status, row.Category));
    }

    [Fact]
    public async Task Read_RejectsFileColumns_AreIgnored()
    {
        var path = _files.Write("court.rejects.csv", $"""
            source_id;case_number;iin;category;decision_date;status;line;reason
            S1;c1;{ImportTestFiles.Iin1};criminal_conviction;2024-03-01;active;8;iin: IIN_DATE: …
            """);

        await using var file = await ImportFile.OpenAsync(path, TestContext.Current.CancellationToken);
        var result = Assert.Single(await ParseAsync(path));

        Assert.Empty(file.Header.Ignored);
        Assert.Equal([0, 1, 2, 3, 4, 5], file.Header.OriginalColumns);
        Assert.NotNull(result.Row);
    }

    [Theory]
    [InlineData("source_id;iin;category;decision_date;status", "'case_number'")]
    [InlineData("source_id;case_number;full_name;category;decision_date;status", "neither 'iin' nor both")]
    [InlineData("source_id;case_number;iin;iin;category;decision_date;status", "'iin' twice")]
    [InlineData("source_id\tcase_number\tiin\tcategory\tdecision_date\tstatus", "not separated by ',' or ';'")]
    public async Task Open_BadHeader_IsAUsageErrorNamingTheProblem(string header, string expected)
    {
        var path = _files.Write("court.csv", header + "\n");

        var error = await Assert.ThrowsAsync<CliUsageException>(() => ImportFile.OpenAsync(path, TestContext.Current.CancellationToken));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_EmptyFile_IsAUsageError()
    {
        var path = _files.Write("court.csv", string.Empty);

        await Assert.ThrowsAsync<CliUsageException>(() => ImportFile.OpenAsync(path, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Read_RowWithAnUnquotedDelimiter_IsRejectedForItsFieldCount()
    {
        var path = _files.WriteRows("court.csv",
            $"S1;c1;{ImportTestFiles.Iin1};;;criminal_conviction;ст. 106;KZ-71;Суд; г. Астаны;2024-03-01;;;active");

        var result = Assert.Single(await ParseAsync(path));

        Assert.Equal(("row", 2L), (result.Rejection!.Field, result.Rejection.Line));
        Assert.Contains("14 fields and the header 13", result.Rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_UnclosedQuote_StopsWithAUsageErrorInsteadOfReadingTheFileIntoOneRecord()
    {
        var rows = Enumerable.Range(0, 20_000).Select(i => $"S1;c{i};{ImportTestFiles.Iin1};;;criminal_conviction;ст. 106;KZ-71;Суд г. Астаны;2024-03-01;;;active");
        var path = _files.WriteRows("court.csv", [$"S1;c;{ImportTestFiles.Iin1};;;criminal_conviction;ст. 106;KZ-71;\"Суд г. Астаны;2024-03-01;;;active", .. rows]);

        var error = await Assert.ThrowsAsync<CliUsageException>(() => ParseAsync(path));

        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
    }

    private async Task<List<(long Line, RecordRow? Row, ImportRejection? Rejection)>> ParseAsync(string path)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var file = await ImportFile.OpenAsync(path, ct);
        var parser = new RecordRowParser(file.Header, _clock);
        var results = new List<(long, RecordRow?, ImportRejection?)>();
        await foreach (var record in file.ReadAsync(ct))
        {
            var row = parser.Parse(record.Line, record.Fields, out var rejection);
            results.Add((record.Line, row, rejection));
        }

        return results;
    }
}
