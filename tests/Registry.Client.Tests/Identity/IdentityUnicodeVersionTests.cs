using System.Globalization;
using Registry.Client.Identity;

namespace Registry.Client.Tests.Identity;

/// <summary>
/// Pins the Unicode version of the runtime's character data, which decides <see cref="IdentityValidationRules.NameUnassigned"/>
/// and which characters are letters. docs/identity.md states that v1 is defined and tested on it; a runtime with other data
/// fails here first, and the vectors and the doc must be reviewed before v1 runs on it.
/// </summary>
public sealed class IdentityUnicodeVersionTests
{
    // Unicode 16.0: 154,998 graphic and format characters + 65 controls + 137,468 private-use code points.
    // Unicode 15.1 has 287,346.
    private const int Unicode16AssignedCodePoints = 292_531;

    [Fact]
    public void CharUnicodeInfo_EveryCodePoint_HasUnicode16AssignedCount()
    {
        var assigned = 0;
        for (var cp = 0; cp <= 0x10FFFF; cp++)
        {
            if (cp is < 0xD800 or > 0xDFFF && CharUnicodeInfo.GetUnicodeCategory(cp) != UnicodeCategory.OtherNotAssigned)
            {
                assigned++;
            }
        }

        Assert.Equal(Unicode16AssignedCodePoints, assigned);
    }

    [Theory]
    [InlineData(0x1C89, UnicodeCategory.UppercaseLetter)] // CYRILLIC CAPITAL LETTER TJE, new in 16.0
    [InlineData(0xA7CB, UnicodeCategory.UppercaseLetter)] // LATIN CAPITAL LETTER RAMS HORN, new in 16.0
    [InlineData(0x2EBF0, UnicodeCategory.OtherLetter)]    // first CJK Extension I ideograph, new in 15.1
    [InlineData(0xA7CE, UnicodeCategory.OtherNotAssigned)] // a Latin capital letter of 17.0
    [InlineData(0x20C1, UnicodeCategory.OtherNotAssigned)] // SAUDI RIYAL SIGN, new in 17.0
    public void CharUnicodeInfo_VersionMarker_HasUnicode16Category(int codePoint, UnicodeCategory expected)
    {
        var category = CharUnicodeInfo.GetUnicodeCategory(codePoint);

        Assert.Equal(expected, category);
    }

    [Fact]
    public void UnicodeVersion_InRejectionMessage_IsTheOneTheDocStates()
    {
        var doc = IdentityVectorTable.DocText;

        Assert.Contains($"v1 is defined and tested on **Unicode {NameNormalizer.UnicodeVersion}**", doc, StringComparison.Ordinal);
    }
}
