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
        var fromSeq = new Option<long>("--from-seq") { Description = "Start at this sequence number (default 0, the start of the log).", HelpName = "n" };
        var filters = new AuditFilterOptions();
        var command = new Command("tail", "Follow the audit log: print entries as they are recorded (Ctrl+C to stop).") { interval, maxEntries, fromSeq };
        filters.AddTo(command);
        command.SetMappedAction(context, async (parseResult, output, cancellationToken) =>
        {
            var client = context.CreateClient(parseResult);
            var query = filters.ToQuery(parseResult) ?? new AuditQuery();
            var limit = parseResult.GetValue(maxEntries) ?? int.MaxValue;
            var wait = parseResult.GetValue(interval) ?? TimeSpan.FromSeconds(2);
            if (limit < 1 || parseResult.GetValue(fromSeq) < 0)
            {
                throw new CliUsageException("--max-entries must be at least 1 and --from-seq at least 0.");
            }

            // The service returns only sequenced entries, in sequence order, and a sequence number is never reused:
            // resuming at the last printed sequence + 1 is exact, with no gap and no duplicate.
            var next = parseResult.GetValue(fromSeq);
            var printed = 0;
            while (printed < limit)
            {
                query.FromSequence = next;
                query.MaxEntries = limit - printed;
                var found = false;
                await foreach (var entry in client.QueryAuditLogAsync(query, cancellationToken))
                {
                    // A service older than filter.from_sequence ignores it and starts over: skip what was printed.
                    if (entry.Sequence is not { } sequence || sequence < next)
                    {
                        continue;
                    }

                    found = true;
                    next = sequence + 1;
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
