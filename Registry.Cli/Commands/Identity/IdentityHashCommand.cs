using System.CommandLine;
using Registry.Cli.Infrastructure;
using Registry.Cli.Json;

namespace Registry.Cli.Commands.Identity;

/// <summary><c>registry identity hash</c>: validates, normalises and hashes an identifier locally; needs no server.</summary>
internal static class IdentityHashCommand
{
    public static Command Create(CliContext context)
    {
        var subject = new SubjectOptions();
        var command = new Command("hash", "Print the h1 of an identifier (lowercase hex); nothing is sent anywhere.");
        subject.AddTo(command);
        command.SetMappedAction(context, (parseResult, output, _) =>
        {
            var identity = SubjectResolver.Resolve(parseResult, subject);
            output.WriteResult(
                new IdentityHashResult(identity.KindName, identity.H1Hex),
                CliJsonContext.Default.IdentityHashResult,
                (writer, result) => writer.WriteLine(result.H1));
            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }
}
