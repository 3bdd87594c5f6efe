using System.Security.Cryptography;

namespace Registry.Service.Tests.Infrastructure;

public static class TestKeys
{
    /// <summary>A fixed subject key K for tests (32 bytes of 0x42), base64.</summary>
    public static readonly string SubjectKeySecret = Convert.ToBase64String(Enumerable.Repeat((byte)0x42, 32).ToArray());

    /// <summary>One checkpoint signing key for every host of the test run, so hosts sharing a database sign alike.</summary>
    public static readonly string CheckpointSignerKey = CreateSignerKey();

    /// <summary>A random h1 (a subject nobody else in the test uses).</summary>
    public static byte[] NewH1() => RandomNumberGenerator.GetBytes(32);

    private static string CreateSignerKey()
    {
        using var signer = Registry.Client.Transparency.NoteSigner.Generate("registry.example/log");
        return signer.ExportSignerKey();
    }
}
