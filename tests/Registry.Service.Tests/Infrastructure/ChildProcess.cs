using System.Diagnostics;

namespace Registry.Service.Tests.Infrastructure;

/// <summary>
/// Runs a program the tests drive (npm, node, buf) to its end: writes <c>input</c> to its stdin (then closes it), reads
/// stdout and stderr in full, and kills the whole process tree when it outlives <c>timeout</c> or the test is cancelled.
/// </summary>
public static class ChildProcess
{
    /// <summary>Runs <paramref name="info"/> (which must redirect stdout and stderr, and stdin when <paramref name="input"/>
    /// is given); returns its exit code and both outputs; throws <see cref="TimeoutException"/> after <paramref name="timeout"/>.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(
        ProcessStartInfo info, string? input, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(info);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{info.FileName} did not start");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var stdout = process.StandardOutput.ReadToEndAsync(deadline.Token);
        var stderr = process.StandardError.ReadToEndAsync(deadline.Token);
        try
        {
            if (info.RedirectStandardInput)
            {
                if (input is not null)
                {
                    await process.StandardInput.WriteAsync(input.AsMemory(), deadline.Token);
                }

                process.StandardInput.Close();
            }

            await process.WaitForExitAsync(deadline.Token);
            return (process.ExitCode, await stdout, await stderr);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            throw new TimeoutException($"{info.FileName} {string.Join(' ', info.ArgumentList)} did not finish within {timeout.TotalSeconds:0} s.");
        }
    }
}
