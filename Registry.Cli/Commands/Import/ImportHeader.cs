using Registry.Cli.Infrastructure;

namespace Registry.Cli.Commands.Import;

/// <summary>
/// The columns of a court export (spec §6), found by header name in any order, ignoring case and surrounding white space.
/// <c>line</c> and <c>reason</c>, which a rejects file adds, are ignored, so a fixed rejects file imports as it is.
/// </summary>
internal sealed class ImportHeader
{
    public const string SourceId = "source_id";
    public const string CaseNumber = "case_number";
    public const string Iin = "iin";
    public const string FullName = "full_name";
    public const string BirthDate = "birth_date";
    public const string Category = "category";
    public const string Article = "article";
    public const string Region = "region";
    public const string Court = "court";
    public const string DecisionDate = "decision_date";
    public const string EffectiveFrom = "effective_from";
    public const string ExpiresAt = "expires_at";
    public const string Status = "status";

    /// <summary>The columns a rejects file adds after the original ones.</summary>
    public const string LineColumn = "line";

    /// <summary>The column that says why a row was rejected.</summary>
    public const string ReasonColumn = "reason";

    /// <summary>Every column of the format, in the spec's order.</summary>
    public static readonly IReadOnlyList<string> Columns =
        [SourceId, CaseNumber, Iin, FullName, BirthDate, Category, Article, Region, Court, DecisionDate, EffectiveFrom, ExpiresAt, Status];

    private static readonly IReadOnlyList<string> RequiredColumns = [SourceId, CaseNumber, Category, DecisionDate, Status];

    private readonly Dictionary<string, int> _indexes;

    private ImportHeader(IReadOnlyList<string> names, Dictionary<string, int> indexes, IReadOnlyList<int> originalColumns, IReadOnlyList<string> ignored)
    {
        Names = names;
        _indexes = indexes;
        OriginalColumns = originalColumns;
        Ignored = ignored;
    }

    /// <summary>Gets the header as the file has it.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Gets the indexes of the file's own columns: all but an earlier rejects file's <c>line</c> and <c>reason</c>.</summary>
    public IReadOnlyList<int> OriginalColumns { get; }

    /// <summary>Gets the header names that are not columns of the format (read, kept in rejects, not imported).</summary>
    public IReadOnlyList<string> Ignored { get; }

    /// <summary>Finds the columns of <paramref name="names"/>.</summary>
    /// <exception cref="CliUsageException">A required column is missing or a column appears twice.</exception>
    public static ImportHeader Resolve(IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var indexes = new Dictionary<string, int>(StringComparer.Ordinal);
        var original = new List<int>(names.Count);
        var ignored = new List<string>();
        for (var i = 0; i < names.Count; i++)
        {
            var key = Key(names[i]);
            if (key is LineColumn or ReasonColumn)
            {
                continue;
            }

            original.Add(i);
            if (!Columns.Contains(key, StringComparer.Ordinal))
            {
                ignored.Add(names[i]);
                continue;
            }

            if (!indexes.TryAdd(key, i))
            {
                throw new CliUsageException($"The header names the column '{key}' twice; which one to import is ambiguous.");
            }
        }

        var missing = RequiredColumns.Where(c => !indexes.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            throw new CliUsageException(
                $"The header has no column {string.Join(", ", missing.Select(c => $"'{c}'"))}; the first line must name the columns: {string.Join(",", Columns)}.");
        }

        if (!indexes.ContainsKey(Iin) && !(indexes.ContainsKey(FullName) && indexes.ContainsKey(BirthDate)))
        {
            throw new CliUsageException($"The header has neither '{Iin}' nor both '{FullName}' and '{BirthDate}': no row could name its subject.");
        }

        return new ImportHeader(names, indexes, original, ignored);
    }

    /// <summary>The trimmed value of <paramref name="column"/> in <paramref name="fields"/>; empty when the file has no such column.</summary>
    public string Get(IReadOnlyList<string> fields, string column)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return _indexes.TryGetValue(column, out var index) && index < fields.Count ? fields[index].Trim() : string.Empty;
    }

    private static string Key(string name) => name.Trim().TrimStart('\uFEFF').Trim().ToLowerInvariant();
}
