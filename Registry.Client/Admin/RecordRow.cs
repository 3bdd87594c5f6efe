using Registry.Client.Checks;
using Registry.Client.Identity;

namespace Registry.Client.Admin;

/// <summary>One row of a court export to import. Only the identities' hashes leave the machine.</summary>
public sealed class RecordRow
{
    /// <summary>Gets the row's line number in the source file, echoed in rejections.</summary>
    public long Line { get; init; }

    /// <summary>Gets the exporting system; with <see cref="CaseNumber"/> it keys the record.</summary>
    public required string SourceId { get; init; }

    /// <summary>Gets the case number.</summary>
    public required string CaseNumber { get; init; }

    /// <summary>Gets the subject's identities (one or two: an IIN and/or a name with birth date).</summary>
    public required IReadOnlyList<SubjectIdentity> Identities { get; init; }

    /// <summary>Gets the record category.</summary>
    public required RecordCategory Category { get; init; }

    /// <summary>Gets the article of the code the decision cites.</summary>
    /// <value>Defaults to empty.</value>
    public string Article { get; init; } = string.Empty;

    /// <summary>Gets the region, as an ISO 3166-2:KZ code.</summary>
    /// <value>Defaults to empty.</value>
    public string Region { get; init; } = string.Empty;

    /// <summary>Gets the court or police unit that decided.</summary>
    /// <value>Defaults to empty.</value>
    public string Court { get; init; } = string.Empty;

    /// <summary>Gets the decision date.</summary>
    public required DateOnly DecisionDate { get; init; }

    /// <summary>Gets the date the decision took effect, when known.</summary>
    public DateOnly? EffectiveFrom { get; init; }

    /// <summary>Gets the date the record ends, or <see langword="null"/> for records without an end.</summary>
    public DateOnly? ExpiresAt { get; init; }

    /// <summary>Gets the record's legal status.</summary>
    public required RecordStatus Status { get; init; }
}
