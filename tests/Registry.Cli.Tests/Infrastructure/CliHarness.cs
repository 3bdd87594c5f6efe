using System.CommandLine;
using Microsoft.Extensions.Time.Testing;
using Registry.Cli.Infrastructure;
using Registry.Client;

namespace Registry.Cli.Tests.Infrastructure;

/// <summary>Runs the real root command in-process with captured output, a fixed clock and a fake environment.</summary>
internal sealed class CliHarness
{
    /// <summary>Gets the CLI's clock, starting at the real time so a real service accepts its timestamps.</summary>
    public FakeTimeProvider Clock { get; } = new(TimeProvider.System.GetUtcNow());

    public Dictionary<string, string> Environment { get; } = [];

    /// <summary>Gets or sets how the CLI creates its SDK client; null for the real default.</summary>
    public Func<CliConnection, RegistryClient>? ClientFactory { get; set; }

    public async Task<CliRun> RunAsync(params string[] args)
    {
        var sut = RootCommandFactory.Create(ClientFactory, Clock, name => Environment.GetValueOrDefault(name));
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var configuration = new InvocationConfiguration { Output = stdout, Error = stderr };

        var exitCode = await CliInvocation.RunAsync(sut, args, configuration, TestContext.Current.CancellationToken);

        return new CliRun(exitCode, stdout.ToString(), stderr.ToString());
    }
}
