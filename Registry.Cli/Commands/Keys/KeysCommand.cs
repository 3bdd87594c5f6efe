using System.CommandLine;
using Registry.Cli.Infrastructure;

namespace Registry.Cli.Commands.Keys;

/// <summary><c>registry keys</c>: API keys (admin key).</summary>
internal static class KeysCommand
{
    public static Command Create(CliContext context) =>
        new("keys", "Issue and revoke API keys (admin key).")
        {
            KeysIssueCommand.Create(context),
            KeysRevokeCommand.Create(context),
        };
}
