using Registry.Client.Identity;

namespace Registry.Client.Tests.Identity;

public sealed class NameNormalizerTests
{
    [Theory]
    [InlineData(" Пётр  Семёнов ", "ПЕТР СЕМЕНОВ")]
    [InlineData("әғқңөұүһі", "ӘҒҚҢӨҰҮҺІ")]
    [InlineData("Ivanov\r\n\u3000Ivan", "IVANOV IVAN")]
    [InlineData("𝐀li", "ALI")]                  // mathematical bold A (outside the BMP) folds to A under NFKC
    [InlineData("\U00010428\U00010429", "\U00010400\U00010401")] // Deseret letters outside the BMP are kept and upper-cased
    [InlineData("Ким\u001FДенис", "КИМДЕНИС")]   // the value separator cannot be smuggled into a name
    public void Normalize_Name_ReturnsNormalisedName(string fullName, string expected)
    {
        var normalized = NameNormalizer.Normalize(fullName);

        Assert.Equal(expected, normalized);
    }

    [Fact]
    public void Normalize_MaxLengthAfterNormalisation_Accepted()
    {
        var fullName = new string('ж', NameNormalizer.MaxLength) + " 123";

        var normalized = NameNormalizer.Normalize(fullName);

        Assert.Equal(NameNormalizer.MaxLength, normalized.Length);
    }

    [Theory]
    [InlineData(NameNormalizer.MaxLength + 1)]
    [InlineData(NameNormalizer.MaxInputLength + 1)]
    public void Normalize_TooLong_ThrowsNameTooLong(int length)
    {
        var fullName = new string('ж', length);

        var ex = Assert.Throws<IdentityValidationException>(() => NameNormalizer.Normalize(fullName));

        Assert.Equal(IdentityValidationRules.NameTooLong, ex.Rule);
    }

    [Fact]
    public void Normalize_SpacesBeyondInputLimit_ThrowsNameTooLong()
    {
        var fullName = "Ким" + new string(' ', NameNormalizer.MaxInputLength) + "Денис";

        var ex = Assert.Throws<IdentityValidationException>(() => NameNormalizer.Normalize(fullName));

        Assert.Equal(IdentityValidationRules.NameTooLong, ex.Rule);
    }

    // Test data carries code units as numbers: xUnit serialises strings as UTF-8, which turns a lone surrogate into U+FFFD.
    [Theory]
    [InlineData("Ким", 0xFFFE, "Денис")]
    [InlineData("", 0xDC00, "Ким")]
    [InlineData("Ким", 0xD800, "")]
    public void Normalize_InvalidUtf16_ThrowsNameInvalidText(string prefix, int codeUnit, string suffix)
    {
        var fullName = prefix + (char)codeUnit + suffix;

        var ex = Assert.Throws<IdentityValidationException>(() => NameNormalizer.Normalize(fullName));

        Assert.Equal(IdentityValidationRules.NameInvalidText, ex.Rule);
        Assert.Equal("fullName", ex.ParamName);
    }

    [Theory]
    [InlineData("123 456", IdentityValidationRules.NameEmpty)]
    [InlineData("' - '", IdentityValidationRules.NameNoLetters)]
    [InlineData("Сапаров\\uD800Ерлан", IdentityValidationRules.NameInvalidText)]
    public void TryNormalize_InvalidName_MessageDoesNotEchoName(string escapedName, string rule)
    {
        var fullName = IdentityVector.Unescape('"' + escapedName + '"');

        var isValid = NameNormalizer.TryNormalize(fullName, out var normalized, out var error);

        Assert.False(isValid);
        Assert.Null(normalized);
        Assert.Equal(rule, error!.Rule);
        Assert.DoesNotContain("Сапаров", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("123", error.Message, StringComparison.Ordinal);
    }

    // Code points as numbers, as above: the theory data then names the character under test.
    [Theory]
    [InlineData(0x2018)]
    [InlineData(0x2019)]
    [InlineData(0x02BC)]
    [InlineData(0x02B9)]
    [InlineData(0x0060)]
    [InlineData(0x00B4)]
    public void Normalize_TypographicApostrophe_FoldsToAsciiApostrophe(int codePoint)
    {
        var fullName = "O" + (char)codePoint + "Brien";

        var normalized = NameNormalizer.Normalize(fullName);

        Assert.Equal("O'BRIEN", normalized);
    }

    [Theory]
    [InlineData(0x2010)]
    [InlineData(0x2011)]
    [InlineData(0x2012)]
    [InlineData(0x2013)]
    [InlineData(0x2014)]
    [InlineData(0x2015)]
    [InlineData(0x2212)]
    public void Normalize_Dash_FoldsToHyphenMinus(int codePoint)
    {
        var fullName = "Петров" + (char)codePoint + "Водкин";

        var normalized = NameNormalizer.Normalize(fullName);

        Assert.Equal("ПЕТРОВ-ВОДКИН", normalized);
    }

    [Fact]
    public void Normalize_AcuteAccent_FoldsBeforeNfkcSplitsIt()
    {
        // NFKC alone turns U+00B4 into U+0020 U+0301, which would leave "O BRIEN".
        var fullName = "O\u00B4Brien";

        var normalized = NameNormalizer.Normalize(fullName);

        Assert.Equal("O'BRIEN", normalized);
    }

    [Theory]
    [InlineData("O\u02BBBrien", "O\u02BBBRIEN")] // modifier letter turned comma: not folded, kept as a letter
    [InlineData("O\u201BBrien", "OBRIEN")]        // single high-reversed-9 quotation mark: not folded, dropped
    [InlineData("Петров\u00ADВодкин", "ПЕТРОВВОДКИН")] // soft hyphen: a format character, dropped
    [InlineData("Петров\uFF0DВодкин", "ПЕТРОВ-ВОДКИН")] // fullwidth hyphen-minus: NFKC makes it '-'
    public void Normalize_CharacterOutsideFoldList_IsNotFolded(string fullName, string expected)
    {
        var normalized = NameNormalizer.Normalize(fullName);

        Assert.Equal(expected, normalized);
    }

    [Theory]
    [InlineData("Петров - Водкин", "ПЕТРОВ-ВОДКИН")]
    [InlineData("Петров  -Водкин", "ПЕТРОВ-ВОДКИН")]
    [InlineData("Петров-\tВодкин", "ПЕТРОВ-ВОДКИН")]
    [InlineData("Петров \u2013 Водкин", "ПЕТРОВ-ВОДКИН")]
    [InlineData("Петров , - Водкин", "ПЕТРОВ-ВОДКИН")]
    [InlineData("Петров - - Водкин", "ПЕТРОВ--ВОДКИН")]
    [InlineData(" - Иванов - ", "-ИВАНОВ-")]
    [InlineData("Анна - Мария Петрова - Водкина", "АННА-МАРИЯ ПЕТРОВА-ВОДКИНА")]
    [InlineData("O ' Brien", "O ' BRIEN")] // only the hyphen takes the spaces next to it
    public void Normalize_WhiteSpaceNextToHyphen_IsRemoved(string fullName, string expected)
    {
        var normalized = NameNormalizer.Normalize(fullName);

        Assert.Equal(expected, normalized);
    }

    [Theory]
    [InlineData("Сапаров\u0378 Ерлан", 8, "U+0378")]
    [InlineData("Сапаров Ерлан\u20C1", 14, "U+20C1")]   // assigned in Unicode 17.0, not in .NET 10's 16.0
    [InlineData("Ким\uFDD0Денис", 4, "U+FDD0")]         // a noncharacter
    [InlineData("Ким\uD8BF\uDFFDДенис", 4, "U+3FFFD")] // outside the BMP
    [InlineData("\u2019\u0378", 2, "U+0378")]          // checked on the input, before the fold
    public void TryNormalize_UnassignedCodePoint_RejectsWithPositionAndCodePoint(string fullName, int position, string codePoint)
    {
        var isValid = NameNormalizer.TryNormalize(fullName, out var normalized, out var error);

        Assert.False(isValid);
        Assert.Null(normalized);
        Assert.Equal(IdentityValidationRules.NameUnassigned, error!.Rule);
        Assert.Equal("fullName", error.ParamName);
        Assert.Contains($"character {position} is {codePoint}.", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Сапаров", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Ким", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryNormalize_UnpairedSurrogateAndUnassigned_ReportsInvalidTextFirst()
    {
        var fullName = "Ким\u0378" + (char)0xD800;

        var isValid = NameNormalizer.TryNormalize(fullName, out _, out var error);

        Assert.False(isValid);
        Assert.Equal(IdentityValidationRules.NameInvalidText, error!.Rule);
    }

    [Fact]
    public void Normalize_PrivateUseCodePoint_IsAssignedAndDropped()
    {
        var normalized = NameNormalizer.Normalize("Ким\uE000Денис");

        Assert.Equal("КИМДЕНИС", normalized);
    }

    [Fact]
    public void Normalize_Null_ThrowsArgumentNullException()
    {
        var ex = Record.Exception(() => NameNormalizer.Normalize(null!));

        Assert.IsType<ArgumentNullException>(ex);
    }
}
