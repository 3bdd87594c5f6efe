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

    [Fact]
    public void Normalize_Null_ThrowsArgumentNullException()
    {
        var ex = Record.Exception(() => NameNormalizer.Normalize(null!));

        Assert.IsType<ArgumentNullException>(ex);
    }
}
