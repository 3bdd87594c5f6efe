using Microsoft.Extensions.Time.Testing;
using Registry.Client.Identity;

namespace Registry.Client.Tests.Identity;

public sealed class KzIinTests
{
    [Theory]
    [InlineData("900521389141", "900521389141")]
    [InlineData(" 900 521-389-141 ", "900521389141")]
    [InlineData("--791102366220--", "791102366220")]
    public void Normalize_SpacesAndHyphens_ReturnsTwelveDigits(string iin, string expected)
    {
        var normalized = KzIin.Normalize(iin);

        Assert.Equal(expected, normalized);
    }

    [Theory]
    [InlineData("900521389142", IdentityValidationRules.IinChecksum)]
    [InlineData("850317400790", IdentityValidationRules.IinChecksumUndefined)]
    [InlineData("990231300005", IdentityValidationRules.IinDate)]
    [InlineData("900521889141", IdentityValidationRules.IinCentury)]
    [InlineData("9005213891", IdentityValidationRules.IinLength)]
    [InlineData("900521_389141", IdentityValidationRules.IinNotDigits)]
    public void Normalize_InvalidIin_ThrowsWithRuleAndParamName(string iin, string rule)
    {
        var ex = Assert.Throws<IdentityValidationException>(() => KzIin.Normalize(iin));

        Assert.Equal(rule, ex.Rule);
        Assert.Equal("iin", ex.ParamName);
        Assert.DoesNotContain("(Parameter", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(iin, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("900521389142")]
    [InlineData("850317400790")]
    [InlineData("990231300005")]
    [InlineData("900521089141")]
    [InlineData("90052138914")]
    [InlineData("90052138914O")]
    public void TryNormalize_InvalidIin_MessageDoesNotContainIin(string iin)
    {
        var isValid = KzIin.TryNormalize(iin, out var normalized, out var error);

        Assert.False(isValid);
        Assert.Null(normalized);
        Assert.DoesNotContain(iin, error!.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(iin[..11], error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryNormalize_ValidIin_ReturnsTrueWithoutError()
    {
        var isValid = KzIin.TryNormalize("010709 540523", out var normalized, out var error);

        Assert.True(isValid);
        Assert.Equal("010709540523", normalized);
        Assert.Null(error);
    }

    [Fact]
    public void Normalize_Null_ThrowsArgumentNullException()
    {
        var ex = Record.Exception(() => KzIin.Normalize(null!));

        Assert.IsType<ArgumentNullException>(ex);
    }

    [Theory]
    [InlineData("991231200126", 1899, 12, 31)]
    [InlineData("900521389141", 1990, 5, 21)]
    [InlineData("000229500008", 2000, 2, 29)]
    [InlineData("010709 540523", 2001, 7, 9)]
    public void GetBirthDate_ValidIin_ReturnsDateWithCentury(string iin, int year, int month, int day)
    {
        var birthDate = KzIin.GetBirthDate(iin);

        Assert.Equal(new DateOnly(year, month, day), birthDate);
    }

    [Fact]
    public void GetBirthDate_InvalidIin_Throws()
    {
        var ex = Record.Exception(() => KzIin.GetBirthDate("990230312345"));

        Assert.Equal(IdentityValidationRules.IinDate, Assert.IsType<IdentityValidationException>(ex).Rule);
    }

    [Theory]
    [InlineData("2025-01-16T23:59:59Z", true)]  // the IIN's date 2025-01-17 is tomorrow (UTC): allowed
    [InlineData("2025-01-15T23:59:59Z", false)] // two days ahead: in the future
    public void TryNormalize_BirthDateNearToday_AllowsUpToTomorrowUtc(string utcNow, bool expected)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse(utcNow, System.Globalization.CultureInfo.InvariantCulture));
        var iin = WithCheckDigit("2501175" + "0123");

        var isValid = KzIin.TryNormalize(iin, clock, out _, out var error);

        Assert.Equal(expected, isValid);
        Assert.True(expected || error!.Rule == IdentityValidationRules.IinDateFuture, error?.Rule);
    }

    [Fact]
    public void ComputeCheckDigit_SecondPassAlsoTen_ReturnsNull()
    {
        var check = KzIin.ComputeCheckDigit("85031740079");

        Assert.Null(check);
    }

    private static string WithCheckDigit(string first11) =>
        first11 + (KzIin.ComputeCheckDigit(first11) ?? throw new InvalidOperationException("undefined check digit"));
}
