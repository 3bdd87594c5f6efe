using System.CommandLine;
using Registry.Cli.Infrastructure;

namespace Registry.Cli.Commands.Consent;

/// <summary><c>registry consent</c>: consents (partner key).</summary>
internal static class ConsentCommand
{
    public static Command Create(CliContext context) =>
        new("consent", "Grant, revoke and show consents (partner key).")
        {
            ConsentGrantCommand.Create(context),
            ConsentRevokeCommand.Create(context),
            ConsentShowCommand.Create(context),
        };
}
