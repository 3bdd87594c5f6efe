using System.Text.Json;

namespace Registry.Cli.Tests.Infrastructure;

/// <summary>The outcome of one CLI invocation: exit code and captured streams.</summary>
internal sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Parses stdout as exactly one JSON document (fails the test when it is not).</summary>
    public JsonElement Json()
    {
        using var document = JsonDocument.Parse(Stdout);
        return document.RootElement.Clone();
    }

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}
