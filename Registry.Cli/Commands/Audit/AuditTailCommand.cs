using System.CommandLine;
using System.Text.Json;
using Registry.Cli.Infrastructure;
using Registry.Cli.Json;
using Registry.Cli.Parsing;
using Registry.Client.Audit;

namespace Registry.Cli.Commands.Audit;

/// <summary>
/// <c>registry audit tail</c> (auditor key): prints new entries as they are recorded, until interrupted or
/// <c>--max-entries</c>. Each poll is itself an audited query. Under <c>--json</c> it writes JSON Lines (one
/// document per entry), the one exception to the one-document rule, since the stream has no end.
/// </summary>
internal static class AuditTailCommand
{
    public static Command Create(CliContext context)
    {
        var interval = CommonOptions.Duration("--interval", "How often to poll, e.g. 2s (default 2s).");
        var maxEntries = new Option<int?>("--max-entries") { Description = "Stop after this many entries.", HelpName = "n" };
        var filters = new AuditFilterOptions();
        var command = new Command("tail", "Follow the audit log: print entries as they are recorded (Ctrl+C to stop).") { interval, maxEntries };
        filters.AddTo(command);
        command.SetMappedAction(context, async (parseResult, output, cancellationToken) =>
        {
            var client = context.CreateClient(parseResult);
            var query = filters.ToQuery(parseResult) ?? new AuditQuery();
            var limit = parseResult.GetValue(maxEntries) ?? int.MaxValue;
            var wait = parseResult.GetValue(interval) ?? TimeSpan.FromSeconds(2);
            var seenAtLast = new HashSet<string>(StringComparer.Ordinal);
            var printed = 0;
            while (printed < limit)
            {
                var found = false;
                await foreach (var entry in client.QueryAuditLogAsync(query, cancellationToken))
                {
                    // Resume at the last instant seen; entries of that same instant are skipped by id.
                    if (query.From == entry.RecordedAt ? !seenAtLast.Add(entry.EntryId) : !Advance(query, seenAtLast, entry))
                    {
                        continue;
                    }

                    found = true;
                    Write(output, AuditRowMapping.ToRow(entry));
                    if (++printed >= limit)
                    {
                        break;
                    }
                }

                if (!found && printed < limit)
                {
                    await Task.Delay(wait, context.TimeProvider, cancellationToken);
                }
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static bool Advance(AuditQuery query, HashSet<string> seenAtLast, AuditEntryInfo entry)
    {
        query.From = entry.RecordedAt;
        seenAtLast.Clear();
        seenAtLast.Add(entry.EntryId);
        return true;
    }

    private static void Write(CommandOutput output, AuditCsvRow row)
    {
        if (output.IsJson)
        {
            output.Out.WriteLine(JsonSerializer.Serialize(row, CliJsonContext.Default.AuditCsvRow));
            return;
        }

        output.Out.WriteLine($"{row.Sequence?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}\t{row.RecordedAt}\t{row.PartnerId}\t{row.Action}\t{row.Outcome}\t{row.Reason}\t{row.EntryId}");
    }
}
