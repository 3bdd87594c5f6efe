using System.CommandLine;

namespace Registry.Cli.Parsing;

/// <summary>Builds the options that several commands share, each with its parser and help text.</summary>
internal static class CommonOptions
{
    public static Option<string> Purpose(string name = "--purpose") => new(name)
    {
        Description = "The purpose: " + Kebabs(EnumToken.Purposes) + " (DATING_SAFETY style is accepted too).",
        HelpName = "purpose",
        Required = true,
        CustomParser = result => Canonical(result.Tokens[0].Value, "purpose", EnumToken.Purposes, result.AddError),
    };

    public static Option<string[]> Purposes() => new("--purpose")
    {
        Description = "A purpose the partner may use (repeat for several): " + Kebabs(EnumToken.Purposes) + ".",
        HelpName = "purpose",
        CustomParser = result => result.Tokens
            .Select(token => Canonical(token.Value, "purpose", EnumToken.Purposes, result.AddError) ?? string.Empty)
            .ToArray(),
    };

    public static Option<string> Scope() => new("--scope")
    {
        Description = "What checks under the consent may disclose: " + Kebabs(EnumToken.Scopes) + ".",
        HelpName = "scope",
        Required = true,
        CustomParser = result => Canonical(result.Tokens[0].Value, "scope", EnumToken.Scopes, result.AddError),
    };

    public static Option<string> Role() => new("--role")
    {
        Description = "The role: " + Kebabs(EnumToken.Roles) + ".",
        HelpName = "role",
        Required = true,
        CustomParser = result => Canonical(result.Tokens[0].Value, "role", EnumToken.Roles, result.AddError),
    };

    public static Option<TimeSpan?> Duration(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "duration",
        CustomParser = result =>
        {
            if (DurationParser.TryParse(result.Tokens[0].Value, out var duration, out var error))
            {
                return duration;
            }

            result.AddError($"{name}: {error}");
            return null;
        },
    };

    public static Option<DateTimeOffset?> Instant(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "instant",
        CustomParser = result =>
        {
            var text = result.Tokens[0].Value;
            if (DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var instant))
            {
                return instant.ToUniversalTime();
            }

            result.AddError($"{name}: '{text}' is not an ISO-8601 instant (e.g. 2026-11-25T10:00:00Z).");
            return null;
        },
    };

    public static Option<string> Reason(bool required = true) => new("--reason")
    {
        Description = "Why (recorded in the audit log; must not contain personal data).",
        HelpName = "text",
        Required = required,
    };

    public static Option<bool> Yes() => new("--yes", "-y")
    {
        Description = "Confirm a destructive change; without it nothing is sent.",
    };

    private static string? Canonical(string token, string what, IReadOnlyList<string> allowed, Action<string> addError)
    {
        var canonical = EnumToken.TryCanonical(token, allowed);
        if (canonical is null)
        {
            addError(EnumToken.Expected(what, token, allowed));
        }

        return canonical;
    }

    private static string Kebabs(IReadOnlyList<string> values) => string.Join(", ", values.Select(EnumToken.ToKebab));
}
