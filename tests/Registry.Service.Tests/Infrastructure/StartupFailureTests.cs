using Registry.Service.Infrastructure;
using Registry.Service.Tests.Audit;

namespace Registry.Service.Tests.Infrastructure;

/// <summary>
/// A real service process that cannot start (issue 10: a corrupt database aborted start-up with an unhandled exception,
/// exit 134) prints one readable line on stderr, no stack trace anywhere, and exits with <see cref="StartupFailure.ExitCode"/>.
/// </summary>
public sealed class StartupFailureTests : IDisposable
{
    // A deadline, not a wait: the process exits in ~2 s on a quiet machine, but took over 30 s at a load average of 35.
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(90);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "registry-tests", Guid.NewGuid().ToString("N"));

    public StartupFailureTests() => Directory.CreateDirectory(_directory);

    [Fact(Timeout = 120_000)]
    public async Task Start_CorruptDatabaseFile_ExitsWithOneClearLineAndNoStackTrace()
    {
        var database = Path.Combine(_directory, "registry.db");
        await File.WriteAllBytesAsync(database, Garbage(64 * 1024), TestContext.Current.CancellationToken);

        var (exitCode, errors, output) = await RunUntilExitAsync(database);

        Assert.Equal(StartupFailure.ExitCode, exitCode);
        var line = Assert.Single(errors);
        Assert.Contains("file is not a database", line, StringComparison.Ordinal);
        Assert.Contains(database, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task Start_DatabaseDirectoryIsAFile_ExitsWithOneClearLineAndNoStackTrace()
    {
        var notADirectory = Path.Combine(_directory, "data");
        await File.WriteAllTextAsync(notADirectory, "a file where the database's directory should be", TestContext.Current.CancellationToken);

        var (exitCode, errors, output) = await RunUntilExitAsync(Path.Combine(notADirectory, "registry.db"));

        Assert.Equal(StartupFailure.ExitCode, exitCode);
        var line = Assert.Single(errors);
        Assert.Contains($"The database directory '{notADirectory}' cannot be created", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    private async Task<(int ExitCode, IReadOnlyList<string> Errors, string Output)> RunUntilExitAsync(string databasePath)
    {
        using var service = ServiceProcess.Start(databasePath, Path.Combine(_directory, "admin.key"));
        await service.WaitForExitAsync(ExitTimeout);
        return (service.ExitCode, service.Errors.Where(l => l.Length > 0).ToList(), service.Output);
    }

    private static byte[] Garbage(int length)
    {
        var bytes = new byte[length];
        new Random(10).NextBytes(bytes);
        return bytes;
    }
}
