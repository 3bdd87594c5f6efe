using Registry.Cli.Commands.Import;

namespace Registry.Cli.Tests.Commands.Import;

public sealed class ImportKeySetTests
{
    [Fact]
    public void TryAdd_ASecondRowWithTheKey_IsRefusedWithTheFirstLine()
    {
        var keys = new ImportKeySet();

        Assert.True(keys.TryAdd("AKT", "1-13/2025", 2, out var first));
        Assert.Equal(2, first);
        Assert.True(keys.TryAdd("AKT", "1-14/2025", 3, out _));
        Assert.False(keys.TryAdd("AKT", "1-13/2025", 9, out first));
        Assert.Equal(2, first);
        Assert.False(keys.TryAdd("AKT", "1-13/2025", 11, out first));
        Assert.Equal(2, first);
        Assert.Equal(2, keys.Count);
    }

    [Theory]
    [InlineData("AB", "C", "A", "BC")]
    [InlineData("akt", "1", "AKT", "1")]
    [InlineData("Суд", "1", "Сyд", "1")] // a Latin y among Cyrillic letters
    [InlineData("S", "", "", "S")]
    public void TryAdd_KeysThatDiffer_AreDifferent(string source1, string case1, string source2, string case2)
    {
        var keys = new ImportKeySet();

        Assert.True(keys.TryAdd(source1, case1, 2, out _));
        Assert.True(keys.TryAdd(source2, case2, 3, out _));
    }

    [Fact]
    public void TryAdd_TenThousandKeys_AreAllKept()
    {
        var keys = new ImportKeySet();

        for (var i = 0; i < 10_000; i++)
        {
            Assert.True(keys.TryAdd("SRC", $"C-{i}", i + 2, out _));
        }

        Assert.False(keys.TryAdd("SRC", "C-4321", 20_000, out var first));
        Assert.Equal(4323, first);
    }
}
