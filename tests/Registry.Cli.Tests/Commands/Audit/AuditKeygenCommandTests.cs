using Registry.Cli.Tests.Infrastructure;
using Registry.Client.Transparency;

namespace Registry.Cli.Tests.Commands.Audit;

/// <summary><c>audit keygen</c>: offline, no service and no API key.</summary>
public sealed class AuditKeygenCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("registry-keygen-").FullName;
    private readonly CliHarness _cli = new();

    private string KeyPath => Path.Combine(_directory, "audit-signing.key");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Keygen_NewFile_PrintsTheVerifierKeyOfTheSignerKeyWritten()
    {
        var run = await _cli.RunAsync("audit", "keygen", "--origin", "registry.example.kz/log", "--out", KeyPath);

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        using var signer = NoteSigner.FromSignerKey((await File.ReadAllTextAsync(KeyPath, TestContext.Current.CancellationToken)).Trim());
        Assert.Equal("registry.example.kz/log", signer.Name);
        Assert.Equal(signer.Verifier.VerifierKey, run.Stdout.Trim());
        Assert.DoesNotContain("PRIVATE+KEY", run.Stdout + run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keygen_WithJson_WritesOneDocumentWithoutTheSecret()
    {
        var run = await _cli.RunAsync("audit", "keygen", "--origin", "registry.example.kz/log", "--out", KeyPath, "--json");

        var json = run.Json();
        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Equal("registry.example.kz/log", json.GetProperty("origin").GetString());
        Assert.Equal(KeyPath, json.GetProperty("signerKeyFile").GetString());
        var verifier = NoteVerifier.Parse(json.GetProperty("verifierKey").GetString()!);
        Assert.Equal(verifier.KeyId.ToString("x8", System.Globalization.CultureInfo.InvariantCulture), json.GetProperty("keyId").GetString());
        Assert.DoesNotContain("PRIVATE+KEY", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Keygen_OnUnix_CreatesTheFileOwnerOnly()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes only.");

        var run = await _cli.RunAsync("audit", "keygen", "--origin", "registry.example.kz/log", "--out", KeyPath, "--force");

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeyPath));
    }

    [Fact]
    public async Task Keygen_ExistingFile_RefusesWithoutForceAndKeepsTheOldKey()
    {
        await File.WriteAllTextAsync(KeyPath, "old key\n", TestContext.Current.CancellationToken);

        var run = await _cli.RunAsync("audit", "keygen", "--origin", "registry.example.kz/log", "--out", KeyPath, "--json");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--force", run.Stderr, StringComparison.Ordinal);
        Assert.Equal("old key\n", await File.ReadAllTextAsync(KeyPath, TestContext.Current.CancellationToken));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Keygen_ExistingWorldReadableFileWithForce_ReplacesItOwnerOnly()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes only.");
        await File.WriteAllTextAsync(KeyPath, "old key\n", TestContext.Current.CancellationToken);
        File.SetUnixFileMode(KeyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var run = await _cli.RunAsync("audit", "keygen", "--origin", "registry.example.kz/log", "--out", KeyPath, "--force");

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.StartsWith("PRIVATE+KEY+registry.example.kz/log+", await File.ReadAllTextAsync(KeyPath, TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeyPath));
    }

    [Theory]
    [InlineData("registry example")]
    [InlineData("a+b")]
    public async Task Keygen_InvalidOrigin_ExitsWithUsageAndWritesNothing(string origin)
    {
        var run = await _cli.RunAsync("audit", "keygen", "--origin", origin, "--out", KeyPath);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.False(File.Exists(KeyPath));
    }

    [Fact]
    public async Task Keygen_WithoutOut_ExitsWithUsage()
    {
        var run = await _cli.RunAsync("audit", "keygen", "--origin", "registry.example.kz/log");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--out", run.Stderr, StringComparison.Ordinal);
    }
}
