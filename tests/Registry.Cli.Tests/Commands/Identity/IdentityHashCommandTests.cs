using Registry.Cli.Tests.Infrastructure;

namespace Registry.Cli.Tests.Commands.Identity;

/// <summary>Vectors from docs/identity.md, run through the real command line.</summary>
public sealed class IdentityHashCommandTests
{
    private readonly CliHarness _cli = new();

    [Theory]
    [InlineData("900521389141", "46174225a5d1a7969c623b4a447641d356b8b1713a751e7f61a0e3e609440d0a")]
    [InlineData(" 9005-2138-9141 ", "46174225a5d1a7969c623b4a447641d356b8b1713a751e7f61a0e3e609440d0a")]
    [InlineData("850317400703", "903d431da4c9ad90c7cd25e009c1eb65a0e260dd64f55961c3c452b3e0e775ca")]
    [InlineData("000229500008", "ba9d7cc3eb13f6d43d0347fd638d428134dbd719a67193be504b4a71d7bc503c")]
    public async Task Hash_ValidIin_PrintsH1OnOneLine(string iin, string h1)
    {
        var run = await _cli.RunAsync("identity", "hash", "--iin", iin);

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Equal(h1 + Environment.NewLine, run.Stdout);
        Assert.Empty(run.Stderr);
    }

    [Theory]
    [InlineData("Сапаров Ерлан", "1990-05-21", "e13c4da541fba35487343216454d73149b0cb5c651089f2b2a045bb7c4250e25")]
    [InlineData("Бекмұханов Дәурен Серікұлы", "1987-03-14", "1808d7cd1d2bb5b1438da4fd27e7a0935761de56f0277daffca89075e6b26f44")]
    [InlineData("ЁЛКИН Артём", "1948-11-30", "cfe6adee0d045ab59b3f76ce981f7e78174d4ee0a4e0fc9c238866287a788548")]
    [InlineData("Иванов, Сергей (2) С.", "1984-12-12", "1a391a0c1720de7b7608a6175388b5aec1958c94329abbbac374639213892638")]
    public async Task Hash_ValidNameAndBirthDate_PrintsH1(string name, string birthDate, string h1)
    {
        var run = await _cli.RunAsync("identity", "hash", "--name", name, "--birth-date", birthDate);

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Equal(h1, run.Stdout.Trim());
    }

    [Fact]
    public async Task Hash_WithJson_PrintsKindAndH1()
    {
        var run = await _cli.RunAsync("identity", "hash", "--iin", "900521389141", "--json");

        var json = run.Json();
        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Equal("kz-iin", json.GetProperty("kind").GetString());
        Assert.Equal("46174225a5d1a7969c623b4a447641d356b8b1713a751e7f61a0e3e609440d0a", json.GetProperty("h1").GetString());
    }

    [Theory]
    [InlineData("900521389142", "IIN_CHECKSUM")]
    [InlineData("850317400790", "IIN_CHECKSUM_UNDEFINED")]
    [InlineData("990230312345", "IIN_DATE")]
    [InlineData("900521789141", "IIN_CENTURY")]
    [InlineData("90052138914", "IIN_LENGTH")]
    [InlineData("90052138914O", "IIN_NOT_DIGITS")]
    public async Task Hash_InvalidIin_ExitsWithUsageAndNamesTheRule(string iin, string rule)
    {
        var run = await _cli.RunAsync("identity", "hash", "--iin", iin, "--json");

        var error = run.Json().GetProperty("error");
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal("INVALID_IDENTITY", error.GetProperty("code").GetString());
        Assert.Equal(rule, error.GetProperty("reason").GetString());
        Assert.Contains(rule, run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(iin, run.Stdout + run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "1990-05-21", "NAME_EMPTY")]
    [InlineData("- ' -", "1990-05-21", "NAME_NO_LETTERS")]
    [InlineData("Сапаров Ерлан", "1799-12-31", "BIRTH_DATE_TOO_EARLY")]
    [InlineData("Сапаров Ерлан", "2099-01-01", "BIRTH_DATE_FUTURE")]
    public async Task Hash_InvalidNameOrDate_ExitsWithUsageAndNamesTheRule(string name, string birthDate, string rule)
    {
        var run = await _cli.RunAsync("identity", "hash", "--name", name, "--birth-date", birthDate);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains(rule, run.Stderr, StringComparison.Ordinal);
        Assert.Empty(run.Stdout);
    }

    [Theory]
    [InlineData("21.05.1990")]
    [InlineData("1990-02-30")]
    [InlineData("yesterday")]
    public async Task Hash_BirthDateNotIso_ExitsWithUsageWithoutEchoingIt(string birthDate)
    {
        var run = await _cli.RunAsync("identity", "hash", "--name", "Сапаров Ерлан", "--birth-date", birthDate);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("YYYY-MM-DD", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(birthDate, run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Сапаров", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("identity|hash")]
    [InlineData("identity|hash|--name|Сапаров Ерлан")]
    [InlineData("identity|hash|--birth-date|1990-05-21")]
    [InlineData("identity|hash|--iin|900521389141|--name|Сапаров Ерлан|--birth-date|1990-05-21")]
    public async Task Hash_IdentityFormsMissingOrMixed_ExitsWithUsage(string commandLine)
    {
        var run = await _cli.RunAsync(commandLine.Split('|'));

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("46174225", run.Stdout, StringComparison.Ordinal);
    }
}
