using Microsoft.Extensions.Time.Testing;
using Registry.Client.Identity;

namespace Registry.Client.Tests.Identity;

public sealed class SubjectIdentityTests
{
    private static readonly DateOnly BirthDate = new(1990, 5, 21);

    [Fact]
    public void FromIin_Valid_ExposesKindValueAndH1()
    {
        var sut = SubjectIdentity.FromIin("900521 389141");

        Assert.Equal(IdentityKind.KzIin, sut.Kind);
        Assert.Equal("kz-iin", sut.KindName);
        Assert.Equal("900521389141", sut.NormalizedValue);
        Assert.Equal(32, sut.H1.Length);
        Assert.Equal(Convert.ToHexStringLower(sut.H1.Span), sut.H1Hex);
        Assert.Equal(IdentityHasher.ComputeH1("kz-iin", "900521389141"), sut.H1.ToArray());
    }

    [Fact]
    public void FromNameAndBirthDate_Valid_ExposesKindAndValue()
    {
        var sut = SubjectIdentity.FromNameAndBirthDate("сапаров  ерлан", BirthDate);

        Assert.Equal(IdentityKind.NameDob, sut.Kind);
        Assert.Equal("name-dob", sut.KindName);
        Assert.Equal("САПАРОВ ЕРЛАН\u001F1990-05-21", sut.NormalizedValue);
        Assert.Equal(IdentityHasher.ComputeH1("name-dob", sut.NormalizedValue), sut.H1.ToArray());
    }

    [Fact]
    public void ToString_Iin_DoesNotRevealValue()
    {
        var sut = SubjectIdentity.FromIin("900521389141");

        var text = sut.ToString();

        Assert.Equal("kz-iin:***", text);
    }

    [Fact]
    public void ToString_NameDob_DoesNotRevealValue()
    {
        var sut = SubjectIdentity.FromNameAndBirthDate("Сапаров Ерлан", BirthDate);

        var text = sut.ToString();

        Assert.Equal("name-dob:***", text);
    }

    [Fact]
    public void Equals_SameIdentityDifferentSpelling_IsEqual()
    {
        var sut = SubjectIdentity.FromNameAndBirthDate("Пётр Семёнов", BirthDate);

        var other = SubjectIdentity.FromNameAndBirthDate(" ПЕТР\tСЕМЕНОВ ", BirthDate);

        Assert.Equal(sut, other);
        Assert.Equal(sut.GetHashCode(), other.GetHashCode());
    }

    [Fact]
    public void Equals_DifferentBirthDate_IsNotEqual()
    {
        var sut = SubjectIdentity.FromNameAndBirthDate("Сапаров Ерлан", BirthDate);

        var other = SubjectIdentity.FromNameAndBirthDate("Сапаров Ерлан", BirthDate.AddDays(1));

        Assert.NotEqual(sut, other);
        Assert.NotEqual(sut.H1Hex, other.H1Hex);
    }

    [Fact]
    public void FromIin_Invalid_ThrowsIdentityValidationException()
    {
        var ex = Record.Exception(() => SubjectIdentity.FromIin("900521389142"));

        Assert.Equal(IdentityValidationRules.IinChecksum, Assert.IsType<IdentityValidationException>(ex).Rule);
    }

    [Fact]
    public void FromNameAndBirthDate_InvalidName_ThrowsIdentityValidationException()
    {
        var ex = Record.Exception(() => SubjectIdentity.FromNameAndBirthDate("  ", BirthDate));

        Assert.Equal(IdentityValidationRules.NameEmpty, Assert.IsType<IdentityValidationException>(ex).Rule);
    }

    [Theory]
    [InlineData(1799, 12, 31, IdentityValidationRules.BirthDateTooEarly)]
    [InlineData(2025, 1, 18, IdentityValidationRules.BirthDateFuture)]
    public void TryFromNameAndBirthDate_DateOutOfBounds_ReturnsRule(int year, int month, int day, string rule)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 1, 16, 23, 59, 59, TimeSpan.Zero));

        var isValid = SubjectIdentity.TryFromNameAndBirthDate("Ким Денис", new DateOnly(year, month, day), clock, out var identity, out var error);

        Assert.False(isValid);
        Assert.Null(identity);
        Assert.Equal(rule, error!.Rule);
        Assert.Equal("birthDate", error.ParamName);
    }

    [Theory]
    [InlineData(1800, 1, 1)]
    [InlineData(2025, 1, 17)] // tomorrow, UTC
    public void TryFromNameAndBirthDate_DateOnBound_Succeeds(int year, int month, int day)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 1, 16, 23, 59, 59, TimeSpan.Zero));

        var isValid = SubjectIdentity.TryFromNameAndBirthDate("Ким Денис", new DateOnly(year, month, day), clock, out var identity, out var error);

        Assert.True(isValid);
        Assert.NotNull(identity);
        Assert.Null(error);
    }

    [Fact]
    public void TryFromIin_Null_ThrowsArgumentNullException()
    {
        var ex = Record.Exception(() => SubjectIdentity.TryFromIin(null!, out _, out _));

        Assert.IsType<ArgumentNullException>(ex);
    }
}
