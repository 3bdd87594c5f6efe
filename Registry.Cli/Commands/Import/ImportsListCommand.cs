using System.CommandLine;
using System.Globalization;
using Registry.Cli.Infrastructure;
using Registry.Cli.Json;
using Registry.Cli.Parsing;
using Registry.Client.Admin;

namespace Registry.Cli.Commands.Import;

/// <summary>
/// <c>registry imports list</c> (admin key): the import jobs, newest first, with their state and counts, so that an
/// administrator can see what an import did after the fact, and which imports were cut off and must be run again.
/// </summary>
internal static class ImportsListCommand
{
    /// <summary>The most jobs one invocation lists; the service answers pages of at most 100.</summary>
    public const int MaxLimit = 1000;

    private const int PageSize = 100;

    public static Command Create(CliContext context)
    {
        var limit = new Option<int>("--limit")
        {
            Description = string.Create(CultureInfo.InvariantCulture, $"List at most this many jobs, 1..{MaxLimit} (default 20)."),
            HelpName = "n",
            DefaultValueFactory = _ => 20,
            CustomParser = result =>
            {
                if (int.TryParse(result.Tokens[0].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= MaxLimit)
                {
                    return n;
                }

                result.AddError(string.Create(CultureInfo.InvariantCulture, $"--limit must be a number 1..{MaxLimit}."));
                return 0;
            },
        };
        var before = new Option<string?>("--before")
        {
            Description = "Only jobs started before this import id (the last one of a previous listing).",
            HelpName = "import-id",
        };
        var command = new Command("list", """
            List import jobs, newest first (tab-separated): import id, status, started at, batches, inserted, updated,
            unchanged, rejected, source. Status is RUNNING, COMPLETED, INTERRUPTED or ABANDONED (left running by a service
            that stopped mid-import: run the same file again to finish it). The counts are the service's: rows this tool
            rejected before sending them are in that import's own summary and rejects file only.
            """)
        {
            limit, before,
        };
        command.SetMappedAction(context, async (parseResult, output, cancellationToken) =>
        {
            var client = context.CreateClient(parseResult);
            var wanted = parseResult.GetValue(limit);
            var cursor = parseResult.GetValue(before);
            var jobs = new List<ImportJobView>();
            var hasMore = true;
            while (jobs.Count < wanted && hasMore)
            {
                var page = await client.ListImportJobsAsync(Math.Min(PageSize, wanted - jobs.Count), cursor, cancellationToken);
                jobs.AddRange(page.Jobs.Select(ImportJobView.From));
                hasMore = page.HasMore && page.Jobs.Count > 0;
                cursor = page.Jobs.Count > 0 ? page.Jobs[^1].ImportId : cursor;
            }

            output.WriteResult(new ImportJobListResult(jobs, hasMore), CliJsonContext.Default.ImportJobListResult, (writer, result) =>
            {
                foreach (var j in result.Imports)
                {
                    writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{j.ImportId}\t{j.Status}\t{j.StartedAt.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}\t{j.Batches}\t{j.Inserted}\t{j.Updated}\t{j.Unchanged}\t{j.Rejected}\t{j.SourceName}"));
                }
            });
            return ExitCodes.Ok;
        });
        return command;
    }
}

/// <summary><c>registry imports</c>: the import jobs (admin key).</summary>
internal static class ImportsCommand
{
    public static Command Create(CliContext context) =>
        new("imports", "Show import jobs (admin key).")
        {
            ImportsListCommand.Create(context),
        };
}

/// <summary>The <c>--json</c> document of <c>registry imports list</c>: the jobs, newest first, and whether older ones remain.</summary>
internal sealed record ImportJobListResult(IReadOnlyList<ImportJobView> Imports, bool HasMore);

/// <summary>An import job in <c>--json</c> output.</summary>
internal sealed record ImportJobView(
    string ImportId,
    string SourceName,
    string Status,
    string PartnerId,
    string KeyId,
    DateTimeOffset StartedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? FinishedAt,
    long Batches,
    long Inserted,
    long Updated,
    long Unchanged,
    long Rejected)
{
    public static ImportJobView From(ImportJobInfo job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return new(
            job.ImportId,
            job.SourceName,
            Enum.IsDefined(job.Status) ? EnumToken.FromPascal(job.Status.ToString()) : "UNKNOWN",
            job.PartnerId,
            job.KeyId,
            job.StartedAt,
            job.UpdatedAt,
            job.FinishedAt,
            job.Batches,
            job.Inserted,
            job.Updated,
            job.Unchanged,
            job.Rejected);
    }
}
