using System.ComponentModel.DataAnnotations;

namespace Registry.Service.Records;

/// <summary>How each replica keeps the record facts its checks read (<see cref="RecordFactsCache"/>). Bound from <c>Registry:Records</c>.</summary>
public sealed class RecordsOptions : IValidatableObject
{
    public const string SectionName = "Registry:Records";

    /// <summary>
    /// How many subjects' record facts each replica keeps in memory; 0 reads them from the database for every check.
    /// Default 100,000 (a few tens of MB).
    /// </summary>
    [Range(0, 10_000_000)]
    public int FactsCacheSize { get; set; } = 100_000;

    /// <summary>
    /// The longest a check on this replica may answer from facts read before a change that another replica committed;
    /// default 1 second. When the database cannot be asked for longer than this, every check reads the database again.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan MaxStaleness { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often each replica asks the database whether the records changed; default 200 ms, at most half of <see cref="MaxStaleness"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:30")]
    public TimeSpan ChangeCheckInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ChangeCheckInterval * 2 > MaxStaleness)
        {
            yield return new ValidationResult(
                $"{nameof(ChangeCheckInterval)} must be at most half of {nameof(MaxStaleness)}, so that a replica that asks in time never stops using its cache.",
                [nameof(ChangeCheckInterval), nameof(MaxStaleness)]);
        }
    }
}
