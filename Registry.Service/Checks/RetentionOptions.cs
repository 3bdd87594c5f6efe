using System.ComponentModel.DataAnnotations;

namespace Registry.Service.Checks;

/// <summary>
/// How long records stay disclosable (spec §4), in years. Orders count from the day they end (or, without an
/// end date, stay disclosable while in force); offenses and convictions count from their decision date.
/// Bound from <c>Registry:Retention</c>.
/// </summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Registry:Retention";

    /// <summary>Protective orders: years after the order ends; default 3.</summary>
    [Range(0, 100)]
    public int ProtectiveOrderYearsAfterEnd { get; set; } = 3;

    /// <summary>Restraining orders: years after the order ends; default 3, like protective orders.</summary>
    [Range(0, 100)]
    public int RestrainingOrderYearsAfterEnd { get; set; } = 3;

    /// <summary>Administrative offenses: years after the decision; default 5.</summary>
    [Range(0, 100)]
    public int AdministrativeOffenseYears { get; set; } = 5;

    /// <summary>Criminal convictions: years after the decision; default 10.</summary>
    [Range(0, 100)]
    public int CriminalConvictionYears { get; set; } = 10;

    /// <summary>The offset of the registry's civil day from UTC ("today" for orders in force); default +05:00 (Kazakhstan).</summary>
    [Range(typeof(TimeSpan), "-14:00:00", "14:00:00")]
    public TimeSpan CivilDayOffset { get; set; } = TimeSpan.FromHours(5);
}
