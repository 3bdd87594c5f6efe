using System.CommandLine;

namespace Registry.Cli.Infrastructure;

/// <summary>Destructive commands run only with <c>--yes</c>; there is no interactive prompt, so scripts never hang.</summary>
internal static class Confirmation
{
    /// <exception cref="CliUsageException"><c>--yes</c> was not given.</exception>
    public static void Require(ParseResult parseResult, Option<bool> yes, string what)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        if (!parseResult.GetValue(yes))
        {
            throw new CliUsageException($"{what} cannot be undone; add --yes to confirm. Nothing was sent.");
        }
    }
}
