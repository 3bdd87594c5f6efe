using Registry.Cli.Parsing;

namespace Registry.Cli.Tests.Parsing;

public sealed class DurationParserTests
{
    [Theory]
    [InlineData("7d", 7 * 24 * 60)]
    [InlineData("12h", 12 * 60)]
    [InlineData("30m", 30)]
    [InlineData("1d12h", 36 * 60)]
    [InlineData("90S", 1.5)]
    public void TryParse_ValidDuration_ReturnsIt(string text, double minutes)
    {
        var ok = DurationParser.TryParse(text, out var duration, out var error);

        Assert.True(ok, error);
        Assert.Equal(TimeSpan.FromMinutes(minutes), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("7")]
    [InlineData("d")]
    [InlineData("7w")]
    [InlineData("-1d")]
    [InlineData("0d")]
    [InlineData("999999999d999999999d")]
    public void TryParse_InvalidDuration_ReturnsReason(string text)
    {
        var ok = DurationParser.TryParse(text, out _, out var error);

        Assert.False(ok);
        Assert.False(string.IsNullOrEmpty(error));
    }
}
