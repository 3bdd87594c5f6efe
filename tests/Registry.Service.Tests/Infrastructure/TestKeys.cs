using System.Security.Cryptography;

namespace Registry.Service.Tests.Infrastructure;

public static class TestKeys
{
    /// <summary>A fixed subject key K for tests (32 bytes of 0x42), base64.</summary>
    public static readonly string SubjectKeySecret = Convert.ToBase64String(Enumerable.Repeat((byte)0x42, 32).ToArray());

    /// <summary>A random h1 (a subject nobody else in the test uses).</summary>
    public static byte[] NewH1() => RandomNumberGenerator.GetBytes(32);
}
