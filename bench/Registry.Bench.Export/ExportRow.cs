namespace Registry.Bench.Export;

/// <summary>
/// One row of a court export, as text in the file (spec §6 columns), plus the values it was made from, so that a bad
/// row can be derived from a good one. One instance is reused for every row.
/// </summary>
public sealed class ExportRow
{
    /// <summary>The header, in the order <see cref="CopyTo"/> writes the fields.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "source_id", "case_number", "iin", "full_name", "birth_date", "category", "article", "region", "court",
        "decision_date", "effective_from", "expires_at", "status",
    ];

    public string SourceId { get; set; } = "";

    public string CaseNumber { get; set; } = "";

    public string Iin { get; set; } = "";

    public string FullName { get; set; } = "";

    public string BirthDate { get; set; } = "";

    public string Category { get; set; } = "";

    public string Article { get; set; } = "";

    public string Region { get; set; } = "";

    public string Court { get; set; } = "";

    public string DecisionDate { get; set; } = "";

    public string EffectiveFrom { get; set; } = "";

    public string ExpiresAt { get; set; } = "";

    public string Status { get; set; } = "";

    /// <summary>Whether this row's dates are written DD.MM.YYYY (Excel in a Russian locale) rather than YYYY-MM-DD.</summary>
    public bool IsDotted { get; set; }

    /// <summary>The person's valid IIN digits, whether or not the row shows them.</summary>
    public string PersonIin { get; set; } = "";

    public DateOnly Decided { get; set; }

    public DateOnly? From { get; set; }

    public DateOnly? Until { get; set; }

    public string FormatDate(DateOnly date) =>
        date.ToString(IsDotted ? "dd.MM.yyyy" : "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public string FormatDate(DateOnly? date) => date is { } d ? FormatDate(d) : "";

    public void CopyTo(Span<string> fields)
    {
        fields[0] = SourceId;
        fields[1] = CaseNumber;
        fields[2] = Iin;
        fields[3] = FullName;
        fields[4] = BirthDate;
        fields[5] = Category;
        fields[6] = Article;
        fields[7] = Region;
        fields[8] = Court;
        fields[9] = DecisionDate;
        fields[10] = EffectiveFrom;
        fields[11] = ExpiresAt;
        fields[12] = Status;
    }
}
