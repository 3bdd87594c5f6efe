using System.Diagnostics;
using System.Globalization;
using Registry.Cli.Tests.Commands.Import;

namespace Registry.Cli.Tests.EndToEnd;

/// <summary>
/// The real <c>registry</c> process on hostile files, its peak resident memory measured by GNU time: a 64 MiB header field
/// and a header of a million columns are refused with exit 1 without the file ever being held in memory. Neither reaches
/// the network (the service address is a closed port).
/// </summary>
public sealed class CliImportMemoryTests : IDisposable
{
    private const string Time = "/usr/bin/time";

    /// <summary>
    /// The bound: the CLI's own baseline is about 47 MB here; holding the 64 MiB file as a string alone would take 128 MB more.
    /// </summary>
    private const long MaxPeakKiB = 150 * 1024;

    private readonly ImportTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData("huge field")]
    [InlineData("million columns")]
    public async Task Import_HostileHeader_ExitsWithUsageInBoundedMemory(string kind)
    {
        Assert.SkipUnless(File.Exists(Time), $"Skipped: {Time} (GNU time) is not installed, so the peak memory cannot be read.");
        var path = Path.Combine(_files.Directory, "court.csv");
        await using (var file = File.Create(path))
        {
            await file.WriteAsync(kind == "huge field" ? "source_id;"u8.ToArray() : "source_id"u8.ToArray(), TestContext.Current.CancellationToken);
            var chunk = new byte[1 << 20];
            Array.Fill(chunk, kind == "huge field" ? (byte)'x' : (byte)';');
            for (var i = 0; i < (kind == "huge field" ? 64 : 1); i++)
            {
                await file.WriteAsync(kind == "huge field" ? chunk : chunk.AsMemory(0, 999_999), TestContext.Current.CancellationToken);
            }

            await file.WriteAsync("\n"u8.ToArray(), TestContext.Current.CancellationToken);
        }

        var (exitCode, peakKiB, stderr) = await RunAsync(path);

        Assert.True(exitCode == ExitCodes.Usage, stderr);
        Assert.Contains(kind == "huge field" ? "line 1" : "1000000 columns", stderr, StringComparison.Ordinal);
        Assert.True(peakKiB < MaxPeakKiB, $"peak {peakKiB} KiB");
        TestContext.Current.TestOutputHelper?.WriteLine($"{kind}: peak RSS {peakKiB} KiB");
    }

    private static async Task<(int ExitCode, long PeakKiB, string Stderr)> RunAsync(string csv)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var info = new ProcessStartInfo(Time) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[]
        {
            "-f", "peak-kib=%M", dotnet, Path.Combine(AppContext.BaseDirectory, "registry.dll"), "import", csv,
            "--server", "http://127.0.0.1:9", "--api-key", "rk_0123456789abcdef_" + new string('0', 64),
        })
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        var text = await stderr;
        var peak = text.Split('\n').Last(l => l.StartsWith("peak-kib=", StringComparison.Ordinal))["peak-kib=".Length..];
        return (process.ExitCode, long.Parse(peak, CultureInfo.InvariantCulture), text);
    }
}
