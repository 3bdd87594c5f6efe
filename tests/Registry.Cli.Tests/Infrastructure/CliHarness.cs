using System.CommandLine;
using Microsoft.Extensions.Time.Testing;

namespace Registry.Cli.Tests.Infrastructure;

/// <summary>Runs the real root command in-process with captured output, a fixed clock and a fake environment.</summary>
internal sealed class CliHarness
{
    public static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Clock { get; } = new(Now);

    public Dictionary<string, string> Environment { get; } = [];

    public async Task<CliRun> RunAsync(params string[] args)
    {
        var sut = RootCommandFactory.Create(Clock, name => Environment.GetValueOrDefault(name));
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var configuration = new InvocationConfiguration { Output = stdout, Error = stderr };

        var exitCode = await sut.Parse(args).InvokeAsync(configuration, TestContext.Current.CancellationToken);

        return new CliRun(exitCode, stdout.ToString(), stderr.ToString());
    }
}
