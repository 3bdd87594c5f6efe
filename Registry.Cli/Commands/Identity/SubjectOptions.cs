using System.CommandLine;

namespace Registry.Cli.Commands.Identity;

/// <summary>
/// The options naming a subject: <c>--iin</c>, or <c>--name</c> with <c>--birth-date</c>. The values are hashed
/// locally (spec §2) and never sent, printed or logged.
/// </summary>
internal sealed class SubjectOptions
{
    public Option<string?> Iin { get; } = new("--iin")
    {
        Description = "The subject's IIN (12 digits; spaces and '-' are ignored).",
        HelpName = "iin",
    };

    public Option<string?> Name { get; } = new("--name")
    {
        Description = "The subject's full name (with --birth-date).",
        HelpName = "full name",
    };

    public Option<string?> BirthDate { get; } = new("--birth-date")
    {
        Description = "The subject's date of birth, YYYY-MM-DD (with --name).",
        HelpName = "YYYY-MM-DD",
    };

    /// <summary>Adds the options to <paramref name="command"/> with a validator that requires exactly one identity form.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Add(Iin);
        command.Add(Name);
        command.Add(BirthDate);
        command.Validators.Add(result =>
        {
            var hasIin = result.GetResult(Iin) is not null;
            var hasName = result.GetResult(Name) is not null;
            var hasBirthDate = result.GetResult(BirthDate) is not null;
            if (hasIin && (hasName || hasBirthDate))
            {
                result.AddError("Give either --iin, or --name with --birth-date, not both.");
            }
            else if (!hasIin && !(hasName && hasBirthDate))
            {
                result.AddError(hasName || hasBirthDate
                    ? "--name and --birth-date go together; give both."
                    : "Name the subject with --iin, or with --name and --birth-date.");
            }
        });
    }
}
