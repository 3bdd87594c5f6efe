using Registry.Cli.Parsing;

namespace Registry.Cli.Tests.Parsing;

public sealed class EnumTokenTests
{
    [Theory]
    [InlineData("dating-safety", "DATING_SAFETY")]
    [InlineData("DATING_SAFETY", "DATING_SAFETY")]
    [InlineData("tenancy_screening", "TENANCY_SCREENING")]
    [InlineData(" Personal-Safety ", "PERSONAL_SAFETY")]
    public void TryCanonical_KnownPurpose_ReturnsUpperSnake(string token, string expected)
    {
        var canonical = EnumToken.TryCanonical(token, EnumToken.Purposes);

        Assert.Equal(expected, canonical);
    }

    [Theory]
    [InlineData("dating")]
    [InlineData("PURPOSE_DATING_SAFETY")]
    [InlineData("")]
    public void TryCanonical_UnknownPurpose_ReturnsNull(string token)
    {
        var canonical = EnumToken.TryCanonical(token, EnumToken.Purposes);

        Assert.Null(canonical);
    }

    [Theory]
    [InlineData("IN_APP_ATTESTATION", "InAppAttestation")]
    [InlineData("SMS_OTP", "SmsOtp")]
    public void ToPascal_UpperSnake_ReturnsMemberName(string canonical, string expected)
    {
        Assert.Equal(expected, EnumToken.ToPascal(canonical));
    }

    [Theory]
    [InlineData("PermissionDenied", "PERMISSION_DENIED")]
    [InlineData("OK", "OK")]
    [InlineData("Unauthenticated", "UNAUTHENTICATED")]
    public void FromPascal_MemberName_ReturnsUpperSnake(string name, string expected)
    {
        Assert.Equal(expected, EnumToken.FromPascal(name));
    }
}
