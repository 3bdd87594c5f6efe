using System.CommandLine;
using Registry.Cli.Infrastructure;

namespace Registry.Cli.Commands.Identity;

/// <summary><c>registry identity</c>: local identity hashing (spec §2).</summary>
internal static class IdentityCommand
{
    public static Command Create(CliContext context) =>
        new("identity", "Hash identifiers locally, as the SDK does.")
        {
            IdentityHashCommand.Create(context),
        };
}
