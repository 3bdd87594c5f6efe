using Registry.Service.Records;

namespace Registry.Service.Checks;

/// <summary>What a SUMMARY check says of one category: how many disclosable records, and the latest decision.</summary>
public sealed record CategorySummary(RecordCategory Category, int Count, DateOnly LatestDecisionDate);
