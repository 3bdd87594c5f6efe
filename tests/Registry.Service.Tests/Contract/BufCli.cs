using System.Diagnostics;
using Registry.Service.Tests.Infrastructure;

namespace Registry.Service.Tests.Contract;

/// <summary>
/// The buf CLI, run on the repository's contract (<c>buf.yaml</c> at the root, docs/contract.md). Found as
/// <c>REGISTRY_BUF</c> names it, else as <c>npm ci --prefix eng/buf</c> installs it, else on the PATH. Without it the
/// calling test is skipped, or fails when <c>REGISTRY_REQUIRE_BUF=1</c> (CI sets it, so the contract checks never skip
/// silently there), as the PostgreSQL tests treat <c>REGISTRY_REQUIRE_POSTGRES</c>.
/// </summary>
internal static class BufCli
{
    public const string PathVariable = "REGISTRY_BUF";
    public const string RequiredVariable = "REGISTRY_REQUIRE_BUF";

    /// <summary>The repository root: the nearest directory above the test binaries that holds <c>buf.yaml</c>.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The committed baseline image of the v1 contract, relative to <see cref="RepositoryRoot"/>.</summary>
    public const string BaselineImage = "Registry.Protos/buf-baseline.binpb";

    /// <summary>The contract's module, relative to <see cref="RepositoryRoot"/>.</summary>
    public const string ContractModule = "Registry.Protos";

    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Runs buf with <paramref name="arguments"/> in <paramref name="workingDirectory"/>; skips or fails the test without buf.</summary>
    public static async Task<BufResult> RunAsync(string workingDirectory, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var executable = Find();
        if (executable is null)
        {
            var reason = $"the buf CLI was not found (run `npm ci --prefix eng/buf`, or set {PathVariable})";
            if (Environment.GetEnvironmentVariable(RequiredVariable) == "1")
            {
                Assert.Fail($"{RequiredVariable}=1 but {reason}.");
            }

            Assert.Skip($"Skipped: {reason}.");
        }

        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var (exitCode, stdout, stderr) = await ChildProcess.RunAsync(start, input: null, RunTimeout, cancellationToken);
        return new BufResult(exitCode, stdout + stderr);
    }

    private static string? Find()
    {
        if (Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } configured)
        {
            Assert.True(File.Exists(configured), $"{PathVariable} names {configured}, which does not exist.");
            return configured;
        }

        var installed = Path.Combine(RepositoryRoot, "eng", "buf", "node_modules", ".bin", OperatingSystem.IsWindows() ? "buf.cmd" : "buf");
        if (File.Exists(installed))
        {
            return installed;
        }

        var name = OperatingSystem.IsWindows() ? "buf.exe" : "buf";
        return (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "buf.yaml")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No buf.yaml above {AppContext.BaseDirectory}: the tests run from a checkout of the repository.");
    }
}

/// <summary>What one buf run printed (stdout then stderr) and its exit code.</summary>
internal sealed record BufResult(int ExitCode, string Output);
