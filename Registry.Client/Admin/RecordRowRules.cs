using System.Globalization;

namespace Registry.Client.Admin;

/// <summary>
/// The rules a court record must satisfy (spec §6), apart from its identities (see <c>Registry.Client.Identity</c>): the one
/// place they live. The import CLI applies them before anything is sent; the service applies them again and never trusts the
/// client.
/// </summary>
public static class RecordRowRules
{
    /// <summary>The most rows one import batch may hold.</summary>
    public const int MaxRowsPerBatch = 1000;

    /// <summary>The most identities one record may be linked to: an IIN and a name with date of birth.</summary>
    public const int MaxIdentities = 2;

    /// <summary>The longest <c>source_id</c>, in UTF-16 code units.</summary>
    public const int SourceIdMaxLength = 64;

    /// <summary>The longest <c>case_number</c>, in UTF-16 code units.</summary>
    public const int CaseNumberMaxLength = 64;

    /// <summary>The longest <c>article</c>, in UTF-16 code units.</summary>
    public const int ArticleMaxLength = 200;

    /// <summary>The longest <c>court</c>, in UTF-16 code units.</summary>
    public const int CourtMaxLength = 300;

    /// <summary>The earliest date a record may carry.</summary>
    public static readonly DateOnly EarliestDate = new(1900, 1, 1);

    /// <summary>
    /// The latest accepted decision date: tomorrow in UTC (the day of slack keeps a decision taken today in Kazakhstan, UTC+5,
    /// valid while UTC is still on the previous day).
    /// </summary>
    /// <param name="clock">The clock.</param>
    /// <returns>Tomorrow's date in UTC.</returns>
    public static DateOnly LatestDecisionDate(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(1);
    }

    /// <summary>Checks a required key field (<c>source_id</c> or <c>case_number</c>).</summary>
    /// <param name="field">The column name, for the message.</param>
    /// <param name="value">The value, already trimmed.</param>
    /// <param name="maxLength">The longest accepted value.</param>
    /// <returns>Why the value is refused, or null when it is accepted.</returns>
    public static string? CheckKey(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return $"{field} is required";
        }

        if (value.Length > maxLength)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{field} is longer than {maxLength} characters ({value.Length})");
        }

        return HasControl(value, allowLineBreaks: false)
            ? $"{field} contains a control character (a tab, line break or other non-printing character)"
            : null;
    }

    /// <summary>Checks an optional free-text field (<c>article</c> or <c>court</c>); line breaks are allowed.</summary>
    /// <param name="field">The column name, for the message.</param>
    /// <param name="value">The value.</param>
    /// <param name="maxLength">The longest accepted value.</param>
    /// <returns>Why the value is refused, or null when it is accepted.</returns>
    public static string? CheckText(string field, string? value, int maxLength)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (value.Length > maxLength)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{field} is longer than {maxLength} characters ({value.Length})");
        }

        return HasControl(value, allowLineBreaks: true) ? $"{field} contains a control character other than a line break" : null;
    }

    /// <summary>Checks a record's dates: plausible, the decision not in the future, the end not before the start.</summary>
    /// <param name="decisionDate">The decision date (required).</param>
    /// <param name="effectiveFrom">When the record takes effect, if known.</param>
    /// <param name="expiresAt">When it ends, if it ends.</param>
    /// <param name="clock">The clock that says what "the future" is.</param>
    /// <returns>The column at fault and why, or null when the dates are accepted.</returns>
    public static (string Field, string Reason)? CheckDates(DateOnly decisionDate, DateOnly? effectiveFrom, DateOnly? expiresAt, TimeProvider clock)
    {
        var latest = LatestDecisionDate(clock);
        if (decisionDate < EarliestDate)
        {
            return ("decision_date", Invariant($"decision_date {decisionDate:yyyy-MM-dd} is before {EarliestDate:yyyy-MM-dd}"));
        }

        if (decisionDate > latest)
        {
            return ("decision_date", Invariant($"decision_date {decisionDate:yyyy-MM-dd} is in the future"));
        }

        if (effectiveFrom is { } from && from < EarliestDate)
        {
            return ("effective_from", Invariant($"effective_from {from:yyyy-MM-dd} is before {EarliestDate:yyyy-MM-dd}"));
        }

        var start = effectiveFrom ?? decisionDate;
        if (expiresAt is { } end && end < start)
        {
            var startField = effectiveFrom is null ? "decision_date" : "effective_from";
            return ("expires_at", Invariant($"expires_at {end:yyyy-MM-dd} is before {startField} {start:yyyy-MM-dd}"));
        }

        return null;
    }

    /// <summary>Why a row is rejected when an earlier row of the same import has its key (source_id, case_number).</summary>
    /// <param name="firstLine">The line of the file where the earlier row starts.</param>
    /// <returns>The reason, for the <c>case_number</c> column.</returns>
    public static string DuplicateKey(long firstLine) =>
        Invariant($"the same source_id and case_number as line {firstLine}: a record appears once per import");

    private static bool HasControl(string value, bool allowLineBreaks)
    {
        foreach (var c in value)
        {
            if (char.IsControl(c) && !(allowLineBreaks && c is '\n' or '\r'))
            {
                return true;
            }
        }

        return false;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
