using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;

namespace Registry.Cli.Infrastructure;

/// <summary>
/// Parses and runs a command line. A command line the parser refuses prints one line on stderr and nothing on stdout, even
/// with <c>--json</c> (docs/cli.md), and exits <see cref="ExitCodes.Usage"/>: the library's default prints every error and
/// then the whole help to stdout, which buries the error and breaks scripts that read stdout.
/// </summary>
internal static class CliInvocation
{
    /// <summary>Parses <paramref name="args"/> with <paramref name="root"/> and invokes the result; returns the exit code.</summary>
    public static async Task<int> RunAsync(
        RootCommand root, IReadOnlyList<string> args, InvocationConfiguration? configuration = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(args);
        var parseResult = root.Parse(args);
        if (parseResult.Action is ParseErrorAction)
        {
            var error = configuration?.Error ?? Console.Error;
            // One line: the most specific error (a bad value of an option or argument before "required command was not provided").
            var first = parseResult.Errors.FirstOrDefault(e => e.SymbolResult is not null and not CommandResult) ?? parseResult.Errors[0];
            await error.WriteLineAsync($"error: USAGE: {OneLine(first.Message)} See '{CommandPath(parseResult)} --help'.");
            return ExitCodes.Usage;
        }

        return await parseResult.InvokeAsync(configuration, cancellationToken);
    }

    private static string OneLine(string message)
    {
        var text = string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return text.EndsWith('.') ? text : text + ".";
    }

    private static string CommandPath(ParseResult parseResult)
    {
        var names = new List<string>();
        for (SymbolResult? result = parseResult.CommandResult; result is CommandResult command; result = command.Parent)
        {
            names.Insert(0, command.Parent is null ? "registry" : command.Command.Name);
        }

        return string.Join(' ', names);
    }
}
