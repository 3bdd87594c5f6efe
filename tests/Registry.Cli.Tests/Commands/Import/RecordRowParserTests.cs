using Microsoft.Extensions.Time.Testing;
using Registry.Cli.Commands.Import;
using Registry.Client.Admin;
using Registry.Client.Identity;

namespace Registry.Cli.Tests.Commands.Import;

/// <summary>Every rejection reason of spec §6, and the accepted spellings, each on a real one-row file.</summary>
public sealed class RecordRowParserTests : IDisposable
{
    private const string Good = "S1|c1|900521389141|Сапаров Ерлан|1990-05-21|criminal_conviction|ст. 106 УК РК|KZ-71|Суд|2022-09-07|2022-09-20||active";

    private readonly ImportTestFiles _files = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero));

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData("iin", "900521389142", "iin", "iin: IIN_CHECKSUM: ")]
    [InlineData("iin", "990230312345", "iin", "iin: IIN_DATE: ")]
    [InlineData("iin", "12345", "iin", "iin: IIN_LENGTH: ")]
    [InlineData("category", "assault", "category", "category 'assault' is unknown; expected one of: protective_order, restraining_order, administrative_offense, criminal_conviction")]
    [InlineData("category", "", "category", "category is required")]
    [InlineData("status", "pending", "status", "status 'pending' is unknown; expected one of: active, expired, overturned, expunged")]
    [InlineData("status", "", "status", "status is required")]
    [InlineData("region", "Narnia", "region", "region 'Narnia' is not a region or city of Kazakhstan (an ISO 3166-2:KZ code, or its English, Russian or Kazakh name)")]
    [InlineData("decision_date", "2025-02-30", "decision_date", "decision_date '2025-02-30' is not a real date written YYYY-MM-DD or DD.MM.YYYY")]
    [InlineData("decision_date", "31.04.2024", "decision_date", "decision_date '31.04.2024' is not a real date written YYYY-MM-DD or DD.MM.YYYY")]
    [InlineData("decision_date", "2024/03/01", "decision_date", "decision_date '2024/03/01' is not a real date written YYYY-MM-DD or DD.MM.YYYY")]
    [InlineData("decision_date", "", "decision_date", "decision_date is required")]
    [InlineData("decision_date", "2026-11-27", "decision_date", "decision_date 2026-11-27 is in the future")]
    [InlineData("decision_date", "1899-12-31", "decision_date", "decision_date 1899-12-31 is before 1900-01-01")]
    [InlineData("effective_from", "2022-13-01", "effective_from", "effective_from '2022-13-01' is not a real date written YYYY-MM-DD or DD.MM.YYYY")]
    [InlineData("expires_at", "2022-09-19", "expires_at", "expires_at 2022-09-19 is before effective_from 2022-09-20")]
    [InlineData("expires_at", "30.02.2023", "expires_at", "expires_at '30.02.2023' is not a real date written YYYY-MM-DD or DD.MM.YYYY")]
    [InlineData("case_number", "", "case_number", "case_number is required")]
    [InlineData("source_id", "  ", "source_id", "source_id is required")]
    [InlineData("birth_date", "1990-02-30", "birth_date", "birth_date is not a real date written YYYY-MM-DD or DD.MM.YYYY")]
    [InlineData("birth_date", "2027-01-01", "birth_date", "birth_date: BIRTH_DATE_FUTURE: ")]
    [InlineData("full_name", "12345", "full_name", "full_name: NAME_EMPTY: ")]
    public async Task Parse_BadValue_IsRejectedWithItsColumnAndReason(string column, string value, string field, string text)
    {
        var path = _files.WriteRows("court.csv", With(column, value));

        var rejection = Assert.Single(await RejectionsAsync(path));

        Assert.Equal((2L, field), (rejection.Line, rejection.Field));
        Assert.StartsWith(text, rejection.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", rejection.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parse_ExpiryBeforeDecisionWithoutEffectiveFrom_NamesTheDecisionDate()
    {
        var path = _files.WriteRows("court.csv", With("effective_from", string.Empty, With("expires_at", "2022-09-06")));

        var rejection = Assert.Single(await RejectionsAsync(path));

        Assert.Equal("expires_at 2022-09-06 is before decision_date 2022-09-07", rejection.Text);
    }

    [Theory]
    [InlineData("", "", "")]
    [InlineData("", "Сапаров Ерлан", "")]
    [InlineData("", "", "1990-05-21")]
    public async Task Parse_NoUsableIdentity_IsRejected(string iin, string name, string birthDate)
    {
        var path = _files.WriteRows("court.csv", With("iin", iin, With("full_name", name, With("birth_date", birthDate))));

        var rejection = Assert.Single(await RejectionsAsync(path));

        Assert.Equal("identity: no usable identity; give iin, or both full_name and birth_date", rejection.Text);
    }

    [Theory]
    [InlineData("900521389141", "", "", new[] { IdentityKind.KzIin })]
    [InlineData("", "Сапаров Ерлан", "21.05.1990", new[] { IdentityKind.NameDob })]
    [InlineData("9005 2138-9141", "Сапаров Ерлан", "1990-05-21", new[] { IdentityKind.KzIin, IdentityKind.NameDob })]
    [InlineData("900521389141", "Сапаров Ерлан", "", new[] { IdentityKind.KzIin })]
    public async Task Parse_Identities_AreEveryCompleteOneGiven(string iin, string name, string birthDate, IdentityKind[] kinds)
    {
        var path = _files.WriteRows("court.csv", With("iin", iin, With("full_name", name, With("birth_date", birthDate))));

        var row = Assert.Single(await RowsAsync(path));

        Assert.Equal(kinds, row.Identities.Select(i => i.Kind));
    }

    [Theory]
    [InlineData("KZ-75")]
    [InlineData("kz-75")]
    [InlineData("Almaty")]
    [InlineData("Алматы")]
    [InlineData("  алматы ")]
    public async Task Parse_RegionByCodeOrName_SendsTheCode(string region)
    {
        var path = _files.WriteRows("court.csv", With("region", region));

        Assert.Equal("KZ-75", Assert.Single(await RowsAsync(path)).Region);
    }

    [Theory]
    [InlineData("East Kazakhstan Region", "KZ-63")]
    [InlineData("Восточно-Казахстанская область", "KZ-63")]
    [InlineData("Шығыс Қазақстан облысы", "KZ-63")]
    [InlineData("Ақтөбе облысы", "KZ-15")]
    [InlineData("Карагандинская область", "KZ-35")]
    public async Task Parse_RegionByEnglishRussianOrKazakhName_SendsTheCode(string region, string code)
    {
        var path = _files.WriteRows("court.csv", With("region", region));

        Assert.Equal(code, Assert.Single(await RowsAsync(path)).Region);
    }

    [Theory]
    [InlineData("PROTECTIVE_ORDER", "Expired")]
    [InlineData("Restraining_Order", "EXPUNGED")]
    [InlineData("administrative-offense", "overturned")]
    public async Task Parse_TokensInAnyCase_AreAccepted(string category, string status)
    {
        var path = _files.WriteRows("court.csv", With("category", category, With("status", status)));

        var row = Assert.Single(await RowsAsync(path));

        Assert.Equal(status.ToUpperInvariant(), row.Status.ToString().ToUpperInvariant());
        Assert.Equal(category.Replace("-", "_", StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal).ToUpperInvariant(),
            row.Category.ToString().ToUpperInvariant());
    }

    [Fact]
    public async Task Parse_EmptyRegionAndOptionalDates_AreAccepted()
    {
        var path = _files.WriteRows("court.csv", With("region", string.Empty, With("effective_from", string.Empty)));

        var row = Assert.Single(await RowsAsync(path));

        Assert.Equal((string.Empty, null, null), (row.Region, row.EffectiveFrom, row.ExpiresAt));
    }

    private static string With(string column, string value, string row = Good)
    {
        var fields = row.Split('|');
        fields[ImportHeader.Columns.ToList().IndexOf(column)] = value;
        return string.Join('|', fields);
    }

    private async Task<List<RecordRow>> RowsAsync(string path)
    {
        var (rows, rejections) = await ParseAsync(path);
        Assert.Empty(rejections);
        return rows;
    }

    private async Task<List<ImportRejection>> RejectionsAsync(string path)
    {
        var (rows, rejections) = await ParseAsync(path);
        Assert.Empty(rows);
        return rejections;
    }

    private async Task<(List<RecordRow> Rows, List<ImportRejection> Rejections)> ParseAsync(string path)
    {
        var ct = TestContext.Current.CancellationToken;
        File.WriteAllText(path, File.ReadAllText(path).Replace('|', ';'));
        await using var file = await ImportFile.OpenAsync(path, ct);
        var parser = new RecordRowParser(file.Header, _clock);
        var rows = new List<RecordRow>();
        var rejections = new List<ImportRejection>();
        await foreach (var record in file.ReadAsync(ct))
        {
            if (parser.Parse(record.Line, record.Fields, out var rejection) is { } row)
            {
                rows.Add(row);
            }
            else
            {
                rejections.Add(rejection!);
            }
        }

        return (rows, rejections);
    }
}
