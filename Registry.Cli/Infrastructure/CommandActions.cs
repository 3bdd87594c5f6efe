using System.CommandLine;

namespace Registry.Cli.Infrastructure;

/// <summary>Wires a command's async body so that every escaping exception goes through <see cref="ErrorMapping"/>.</summary>
internal static class CommandActions
{
    /// <summary>Sets <paramref name="body"/> as the command's action; it returns an exit code.</summary>
    public static void SetMappedAction(
        this Command command,
        CliContext context,
        Func<ParseResult, CommandOutput, CancellationToken, Task<int>> body)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(body);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = context.CreateOutput(parseResult);
            try
            {
                return await body(parseResult, output, cancellationToken);
            }
            catch (Exception ex) when (ErrorMapping.TryMap(ex, TryResolveServer(context, parseResult), cancellationToken, out var exitCode, out var error))
            {
                output.WriteError(error);
                return exitCode;
            }
        });
    }

    private static Uri? TryResolveServer(CliContext context, ParseResult parseResult)
    {
        try
        {
            return context.ResolveConnection(parseResult).Server;
        }
        catch (CliUsageException)
        {
            return null;
        }
    }
}
