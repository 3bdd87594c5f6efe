namespace Registry.Client.Tests;

public sealed class RegistryApiKeyCredentialTests
{
    private const string Key = "rk_k123_TOPSECRETvalue";

    [Fact]
    public void ToString_ValidKey_ShowsKeyIdAndHidesSecret()
    {
        var sut = new RegistryApiKeyCredential(Key);

        var text = sut.ToString();

        Assert.Equal("rk_k123_***", text);
        Assert.DoesNotContain("TOPSECRET", text, StringComparison.Ordinal);
        Assert.Equal("k123", sut.KeyId);
    }

    [Theory]
    [InlineData("k123_TOPSECRET")]
    [InlineData("rk_k123")]
    [InlineData("rk__TOPSECRET")]
    [InlineData("rk_k123_")]
    [InlineData("rk_k123_TOP SECRET")]
    public void Constructor_MalformedKey_ThrowsWithoutEchoingIt(string key)
    {
        var ex = Assert.Throws<ArgumentException>(() => new RegistryApiKeyCredential(key));

        Assert.DoesNotContain("SECRET", ex.Message, StringComparison.Ordinal);
    }
}
