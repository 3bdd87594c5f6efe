using Registry.Service.Infrastructure;

namespace Registry.Service.Tests.Infrastructure;

/// <summary>The gRPC HTTP/2 spec's Percent-Encoded grammar: printable ASCII but '%' as is, every other UTF-8 byte as %XX.</summary>
public sealed class GrpcMessageEncodingTests
{
    [Theory]
    [InlineData("The API key is not valid.")]
    [InlineData("The API key is malformed: expected 'Bearer rk_<16 hex id>_<64 hex secret>'.")]
    [InlineData(" !\"#$&'()*+,-./:;<=>?@[\\]^_`{|}~")]
    public void Encode_PrintableAsciiWithoutPercent_IsUnchanged(string message)
    {
        var encoded = GrpcMessageEncoding.Encode(message);

        Assert.Equal(message, encoded);
    }

    [Theory]
    [InlineData("100% sure", "100%25 sure")]
    [InlineData("line\nbreak\ttab", "line%0Abreak%09tab")]
    [InlineData("Алматы: ok", "%D0%90%D0%BB%D0%BC%D0%B0%D1%82%D1%8B: ok")]
    [InlineData("del\u007f", "del%7F")]
    public void Encode_PercentControlOrNonAscii_IsPercentEncodedAsUtf8Bytes(string message, string expected)
    {
        var encoded = GrpcMessageEncoding.Encode(message);

        Assert.Equal(expected, encoded);
    }
}
