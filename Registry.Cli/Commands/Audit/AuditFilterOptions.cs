using System.CommandLine;
using Registry.Cli.Parsing;
using Registry.Client.Audit;

namespace Registry.Cli.Commands.Audit;

/// <summary>The query filters of <c>audit export</c> and <c>audit tail</c>.</summary>
internal sealed class AuditFilterOptions
{
    public Option<DateTimeOffset?> From { get; } = CommonOptions.Instant("--from", "Only entries recorded at or after this instant (ISO-8601).");

    public Option<DateTimeOffset?> To { get; } = CommonOptions.Instant("--to", "Only entries recorded before this instant (ISO-8601).");

    public Option<string?> Partner { get; } = new("--partner") { Description = "Only this partner's calls.", HelpName = "partner-id" };

    public Option<string?> Action { get; } = new("--action") { Description = "Only this action, e.g. check, consent.grant.", HelpName = "action" };

    public Option<string?> Outcome { get; } = new("--outcome") { Description = "Only this outcome: ok, record_found, no_record, refused, failed.", HelpName = "outcome" };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Add(From);
        command.Add(To);
        command.Add(Partner);
        command.Add(Action);
        command.Add(Outcome);
    }

    /// <summary>The query, or null when no filter was given.</summary>
    public AuditQuery? ToQuery(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var query = new AuditQuery
        {
            From = parseResult.GetValue(From),
            To = parseResult.GetValue(To),
            PartnerId = parseResult.GetValue(Partner),
            Action = parseResult.GetValue(Action),
            Outcome = parseResult.GetValue(Outcome),
        };
        return query.From is null && query.To is null && query.PartnerId is null && query.Action is null && query.Outcome is null
            ? null
            : query;
    }
}
