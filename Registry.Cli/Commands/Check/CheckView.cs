using Registry.Cli.Parsing;
using Registry.Client.Checks;

namespace Registry.Cli.Commands.Check;

/// <summary>The <c>--json</c> document of <c>registry check</c>.</summary>
internal sealed record CheckView(
    string Outcome,
    CheckSummaryView? Summary,
    string AuditEntryId,
    int ConsentUsesRemaining,
    string RequestId)
{
    public static CheckView From(CheckResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new(
            EnumToken.FromPascal(result.Outcome.ToString()),
            result.Summary is { } summary
                ? new CheckSummaryView(
                    summary.Categories.Select(c => new CategorySummaryView(
                        EnumToken.FromPascal(c.Category.ToString()), c.Count, c.LatestDecisionDate)).ToArray(),
                    summary.IsProtectiveOrderInForce)
                : null,
            result.AuditEntryId,
            result.ConsentUsesRemaining,
            result.RequestId);
    }
}

/// <summary>The summary of a check under a SUMMARY consent.</summary>
internal sealed record CheckSummaryView(IReadOnlyList<CategorySummaryView> Categories, bool ProtectiveOrderInForce);

/// <summary>One category of disclosable records; the date is <c>YYYY-MM-DD</c>.</summary>
internal sealed record CategorySummaryView(string Category, int Count, DateOnly? LatestDecisionDate);
