using System.Diagnostics;
using System.Text;

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
        var info = new ProcessStartInfo("npm")
        {
            WorkingDirectory = Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(script);
        info.ArgumentList.Add("--silent"); // only the script's own output, not npm's banner
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("npm did not start");
        var output = new StringBuilder();
        var stdout = PumpAsync(process.StandardOutput, output);
        var stderr = PumpAsync(process.StandardError, output);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(RunTimeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"npm {script} did not finish within {RunTimeout.TotalSeconds:0} s. Output so far:\n{Snapshot(output)}");
        }

        await Task.WhenAll(stdout, stderr);
        return new NpmResult(process.ExitCode, Snapshot(output));
    }

    private static async Task PumpAsync(StreamReader reader, StringBuilder output)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private static string Snapshot(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

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

/// <summary>An npm run's exit code and its stdout and stderr, interleaved as they came.</summary>
public sealed record NpmResult(int ExitCode, string Output);
