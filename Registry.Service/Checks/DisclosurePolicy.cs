using Microsoft.Extensions.Options;
using Registry.Service.Records;

namespace Registry.Service.Checks;

/// <summary>
/// Which records a check may disclose (spec §4): status active or expired (never overturned or expunged),
/// and within the retention period of the category.
/// </summary>
public sealed class DisclosurePolicy(IOptions<RetentionOptions> options)
{
    public DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(now.ToOffset(options.Value.CivilDayOffset).DateTime);

    public bool IsDisclosable(RecordFacts record, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Status is not (RecordStatus.Active or RecordStatus.Expired))
        {
            return false;
        }

        var retention = options.Value;
        return record.Category switch
        {
            RecordCategory.ProtectiveOrder => WithinYearsAfterEnd(record, today, retention.ProtectiveOrderYearsAfterEnd),
            RecordCategory.RestrainingOrder => WithinYearsAfterEnd(record, today, retention.RestrainingOrderYearsAfterEnd),
            RecordCategory.AdministrativeOffense => today <= record.DecisionDate.AddYears(retention.AdministrativeOffenseYears),
            RecordCategory.CriminalConviction => today <= record.DecisionDate.AddYears(retention.CriminalConvictionYears),
            _ => false,
        };
    }

    /// <summary>Whether a disclosable protective or restraining order is in force on <paramref name="today"/>.</summary>
    public bool IsOrderInForce(RecordFacts record, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.Category is RecordCategory.ProtectiveOrder or RecordCategory.RestrainingOrder
            && record.Status == RecordStatus.Active
            && (record.EffectiveFrom ?? record.DecisionDate) <= today
            && (record.ExpiresAt is null || today <= record.ExpiresAt);
    }

    // An order without an end date is still in force, so it stays disclosable.
    private static bool WithinYearsAfterEnd(RecordFacts record, DateOnly today, int years) =>
        record.ExpiresAt is not { } end || today <= end.AddYears(years);
}
