using System.Security.Cryptography;
using System.Text;
using Registry.Client.Identity;

namespace Registry.Client.Tests.Identity;

public sealed class IdentityHasherTests
{
    // Computed independently: printf 'registry/identity/v1\0kz-iin\0900521389141' | sha256sum
    private const string IinH1 = "46174225a5d1a7969c623b4a447641d356b8b1713a751e7f61a0e3e609440d0a";

    // printf 'registry/identity/v1\0name-dob\0САПАРОВ ЕРЛАН\x1f1990-05-21' | sha256sum
    private const string NameDobH1 = "e13c4da541fba35487343216454d73149b0cb5c651089f2b2a045bb7c4250e25";

    [Fact]
    public void ComputeH1_Iin_MatchesSha256sum()
    {
        var h1 = IdentityHasher.ComputeH1("kz-iin", "900521389141");

        Assert.Equal(IinH1, Convert.ToHexStringLower(h1));
    }

    [Fact]
    public void ComputeH1_NameDob_MatchesSha256sum()
    {
        var h1 = IdentityHasher.ComputeH1("name-dob", "САПАРОВ ЕРЛАН\u001F1990-05-21");

        Assert.Equal(NameDobH1, Convert.ToHexStringLower(h1));
    }

    [Fact]
    public void ComputeH1_ValueLongerThanStackBuffer_HashesWholeInput()
    {
        var value = new string('Ж', 400) + "\u001F1990-05-21";
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes("registry/identity/v1\0name-dob\0" + value));

        var h1 = IdentityHasher.ComputeH1("name-dob", value);

        Assert.Equal(expected, h1);
    }

    [Fact]
    public void ComputeH1_DifferentKindSameValue_DiffersFromOtherKind()
    {
        var h1 = IdentityHasher.ComputeH1("name-dob", "900521389141");

        Assert.NotEqual(IinH1, Convert.ToHexStringLower(h1));
    }

    [Theory]
    [InlineData("kz-iin\0", "900521389141", "kindName")]
    [InlineData("kz-iin", "9005\u00002138", "normalizedValue")]
    [InlineData("", "900521389141", "kindName")]
    public void ComputeH1_NulOrEmptyKind_ThrowsArgumentException(string kindName, string value, string paramName)
    {
        var ex = Record.Exception(() => IdentityHasher.ComputeH1(kindName, value));

        Assert.Equal(paramName, Assert.IsAssignableFrom<ArgumentException>(ex).ParamName);
    }

    [Fact]
    public void ComputeH1_UnpairedSurrogate_ThrowsArgumentException()
    {
        var ex = Record.Exception(() => IdentityHasher.ComputeH1("name-dob", "A\uD800"));

        Assert.IsAssignableFrom<ArgumentException>(ex);
    }

    [Fact]
    public void ComputeH1_NullValue_ThrowsArgumentNullException()
    {
        var ex = Record.Exception(() => IdentityHasher.ComputeH1("kz-iin", null!));

        Assert.IsType<ArgumentNullException>(ex);
    }
}
