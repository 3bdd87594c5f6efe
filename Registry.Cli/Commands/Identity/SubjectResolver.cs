using System.CommandLine;
using System.Globalization;
using Registry.Cli.Infrastructure;
using Registry.Client.Identity;

namespace Registry.Cli.Commands.Identity;

/// <summary>Turns the subject options into a validated <see cref="SubjectIdentity"/>, hashed locally.</summary>
internal static class SubjectResolver
{
    /// <summary>Resolves the identity named on the command line.</summary>
    /// <exception cref="IdentityValidationException">The identifier breaks a rule of protocol v1.</exception>
    /// <exception cref="CliUsageException">The date of birth is not YYYY-MM-DD.</exception>
    public static SubjectIdentity Resolve(ParseResult parseResult, SubjectOptions options)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        ArgumentNullException.ThrowIfNull(options);
        if (parseResult.GetValue(options.Iin) is { } iin)
        {
            return SubjectIdentity.FromIin(iin);
        }

        var name = parseResult.GetValue(options.Name) ?? string.Empty;
        var birthDateText = parseResult.GetValue(options.BirthDate) ?? string.Empty;
        if (!DateOnly.TryParseExact(birthDateText.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birthDate))
        {
            // The value is personal data: say what is expected, do not echo it.
            throw new CliUsageException("--birth-date must be a real date written YYYY-MM-DD.");
        }

        return SubjectIdentity.FromNameAndBirthDate(name, birthDate);
    }
}
