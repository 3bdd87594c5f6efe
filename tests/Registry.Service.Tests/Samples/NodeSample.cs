using System.Diagnostics;
using System.Text;
using Registry.Service.Tests.Infrastructure;

namespace Registry.Service.Tests.Samples;

/// <summary>
/// The Node.js partner sample, <c>samples/node-partner</c>, run with npm. Its tests need <c>node</c> on the PATH and the
/// sample's <c>node_modules</c> (<c>npm ci</c> in that folder); without them they are skipped, unless
/// <c>REGISTRY_REQUIRE_NODE=1</c> (set by .ci/run, which installs them), which makes them fail instead.
/// </summary>
public static class NodeSample
{
    public const string RequiredVariable = "REGISTRY_REQUIRE_NODE";

    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(60);

    private static readonly Lazy<string?> Unavailable = new(FindUnavailable);

    /// <summary>The sample's folder, found by walking up from the test binaries to the repository root.</summary>
    public static string Directory { get; } = FindDirectory();

    public static void SkipUnlessAvailable()
    {
        if (Unavailable.Value is not { } reason)
        {
            return;
        }

        Assert.False(Environment.GetEnvironmentVariable(RequiredVariable) == "1",
            $"{RequiredVariable}=1 but the Node sample cannot run: {reason}. .ci/run installs Node.js and runs npm ci in samples/node-partner.");
        Assert.Skip($"Skipped: {reason}. Install Node.js 20+ and run npm ci in samples/node-partner to run it.");
    }

    /// <summary>Runs <c>npm <paramref name="script"/></c> in the sample's folder with extra environment variables.</summary>
    public static async Task<NpmResult> RunAsync(string script, IReadOnlyDictionary<string, string> environment)
    {
        var info = StartInfo("npm", script, "--silent"); // --silent: only the script's own output, not npm's banner
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var (exitCode, stdout, stderr) = await RunAsync(info, input: null);
        return new NpmResult(exitCode, stdout + stderr);
    }

    /// <summary>Runs <c>node <paramref name="scriptPath"/></c> (relative to the sample) with <paramref name="input"/> on stdin; returns stdout.</summary>
    public static async Task<string> RunNodeAsync(string scriptPath, string input)
    {
        var (exitCode, stdout, stderr) = await RunAsync(StartInfo("node", scriptPath), input);
        Assert.True(exitCode == 0, $"node {scriptPath} exited {exitCode}:\n{stderr}");
        return stdout;
    }

    private static ProcessStartInfo StartInfo(string fileName, params string[] arguments)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = Directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }

    private static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(ProcessStartInfo info, string? input) =>
        ChildProcess.RunAsync(info, input, RunTimeout, TestContext.Current.CancellationToken);

    private static string? FindUnavailable()
    {
        if (!File.Exists(Path.Combine(Directory, "node_modules", "@grpc", "grpc-js", "package.json")))
        {
            return $"{Path.Combine(Directory, "node_modules")} is not installed";
        }

        try
        {
            using var node = Process.Start(new ProcessStartInfo("node", "--version") { RedirectStandardOutput = true, UseShellExecute = false });
            if (node is null || !node.WaitForExit(TimeSpan.FromSeconds(20)) || node.ExitCode != 0)
            {
                return "node --version failed";
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "node is not on the PATH";
        }

        return null;
    }

    private static string FindDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "samples", "node-partner");
            if (File.Exists(Path.Combine(candidate, "package.json")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"samples/node-partner not found above {AppContext.BaseDirectory}.");
    }
}

/// <summary>An npm run's exit code and its output (stdout, then stderr).</summary>
public sealed record NpmResult(int ExitCode, string Output);
