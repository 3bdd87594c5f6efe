using System.CommandLine;
using Registry.Cli.Infrastructure;

namespace Registry.Cli.Commands.Records;

/// <summary><c>registry records</c>: corrections of imported records (admin key).</summary>
internal static class RecordsCommand
{
    public static Command Create(CliContext context) =>
        new("records", "Correct or expunge records (admin key).")
        {
            RecordsCorrectCommand.Create(context),
            RecordsExpungeCommand.Create(context),
        };
}
