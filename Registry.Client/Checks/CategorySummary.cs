namespace Registry.Client.Checks;

/// <summary>What one category of disclosable records says, under a summary consent.</summary>
/// <remarks>Built by the client from the service's answers; tests build it with <see cref="RegistryModelFactory"/>.</remarks>
public sealed class CategorySummary
{
    internal CategorySummary(RecordCategory category, int count, DateOnly? latestDecisionDate)
    {
        Category = category;
        Count = count;
        LatestDecisionDate = latestDecisionDate;
    }

    /// <summary>Gets the record category.</summary>
    public RecordCategory Category { get; }

    /// <summary>Gets how many disclosable records of this category exist.</summary>
    public int Count { get; }

    /// <summary>Gets the latest decision date among them, when the service sent one.</summary>
    public DateOnly? LatestDecisionDate { get; }
}
