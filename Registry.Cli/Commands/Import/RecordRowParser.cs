using Registry.Client.Admin;
using Registry.Client.Identity;
using H = Registry.Cli.Commands.Import.ImportHeader;

namespace Registry.Cli.Commands.Import;

/// <summary>
/// Turns one row of a court export into a <see cref="RecordRow"/>, hashing its identities on this machine, or says why it
/// cannot be imported. The rules themselves live in <see cref="SubjectIdentity"/>, <see cref="RecordRowRules"/> and
/// <see cref="KzRegions"/>, which the service applies again; this class only reads the file's text into them.
/// Columns are checked in the spec's order and the first fault is reported.
/// </summary>
internal sealed class RecordRowParser(ImportHeader header, TimeProvider clock)
{
    /// <summary>Parses a record as read from the file; exactly one of the row and the rejection is not null.</summary>
    public RecordRow? Parse(ImportFileRecord record, out ImportRejection? rejection)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.InvalidUtf8Field >= 0)
        {
            // The bytes were decoded with U+FFFD in their place: hashing or importing that text would store something else.
            var column = record.InvalidUtf8Field < header.Names.Count ? ImportValues.Echo(header.Names[record.InvalidUtf8Field].Trim()) : "row";
            rejection = new(record.Line, column,
                $"{column} is not valid UTF-8 (field {record.InvalidUtf8Field + 1}); save the file as UTF-8 (is it in another encoding, such as Windows-1251?)");
            return null;
        }

        return Parse(record.Line, record.Fields, out rejection);
    }

    /// <summary>Parses the row starting at <paramref name="line"/>; exactly one of the row and the rejection is not null.</summary>
    public RecordRow? Parse(long line, IReadOnlyList<string> fields, out ImportRejection? rejection)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (fields.Count != header.Names.Count)
        {
            rejection = new(line, "row", $"the row has {fields.Count} fields and the header {header.Names.Count}; check the quoting and the delimiter");
            return null;
        }

        var sourceId = header.Get(fields, H.SourceId);
        var caseNumber = header.Get(fields, H.CaseNumber);
        var article = header.Get(fields, H.Article);
        var court = header.Get(fields, H.Court);
        rejection = Reject(line, H.SourceId, RecordRowRules.CheckKey(H.SourceId, sourceId, RecordRowRules.SourceIdMaxLength))
            ?? Reject(line, H.CaseNumber, RecordRowRules.CheckKey(H.CaseNumber, caseNumber, RecordRowRules.CaseNumberMaxLength));
        var identities = rejection is null ? ParseIdentities(line, fields, out rejection) : null;
        if (identities is null)
        {
            return null;
        }

        var categoryText = header.Get(fields, H.Category);
        var regionText = header.Get(fields, H.Region);
        var statusText = header.Get(fields, H.Status);
        KzRegion? region = null;
        var hasStatus = ImportValues.TryParseStatus(statusText, out var status);
        DateOnly? decisionDate = null, effectiveFrom = null, expiresAt = null;
        rejection = (ImportValues.TryParseCategory(categoryText, out var category) ? null : Unknown(line, H.Category, categoryText, ImportValues.Categories))
            ?? Reject(line, H.Article, RecordRowRules.CheckText(H.Article, article, RecordRowRules.ArticleMaxLength))
            ?? (regionText.Length == 0 || KzRegions.TryResolve(regionText, out region) ? null : UnknownRegion(line, regionText))
            ?? Reject(line, H.Court, RecordRowRules.CheckText(H.Court, court, RecordRowRules.CourtMaxLength))
            ?? ParseDate(line, fields, H.DecisionDate, required: true, out decisionDate)
            ?? ParseDate(line, fields, H.EffectiveFrom, required: false, out effectiveFrom)
            ?? ParseDate(line, fields, H.ExpiresAt, required: false, out expiresAt)
            ?? (hasStatus ? null : Unknown(line, H.Status, statusText, ImportValues.Statuses));
        if (rejection is null && RecordRowRules.CheckDates(decisionDate!.Value, effectiveFrom, expiresAt, clock) is { } badDates)
        {
            rejection = new(line, badDates.Field, badDates.Reason);
        }

        if (rejection is not null)
        {
            return null;
        }

        return new RecordRow
        {
            Line = line,
            SourceId = sourceId,
            CaseNumber = caseNumber,
            Identities = identities,
            Category = category,
            Article = article,
            Region = region?.Code ?? string.Empty,
            Court = court,
            DecisionDate = decisionDate!.Value,
            EffectiveFrom = effectiveFrom,
            ExpiresAt = expiresAt,
            Status = status,
        };
    }

    /// <summary>The row's identities: its IIN and/or its name with date of birth. Every one given must be valid.</summary>
    private List<SubjectIdentity>? ParseIdentities(long line, IReadOnlyList<string> fields, out ImportRejection? rejection)
    {
        rejection = null;
        var identities = new List<SubjectIdentity>(RecordRowRules.MaxIdentities);
        var iin = header.Get(fields, H.Iin);
        if (iin.Length > 0)
        {
            if (!SubjectIdentity.TryFromIin(iin, out var byIin, out var error))
            {
                rejection = new(line, H.Iin, Describe(error!));
                return null;
            }

            identities.Add(byIin!);
        }

        var name = header.Get(fields, H.FullName);
        if (name.Any(char.IsControl))
        {
            // The name is hashed: a NUL or an escape inside it would link the record to nobody anyone can check.
            rejection = new(line, H.FullName, "full_name contains a control character (a tab, line break, NUL or other non-printing character)");
            return null;
        }

        var birthDateText = header.Get(fields, H.BirthDate);
        DateOnly birthDate = default;
        if (birthDateText.Length > 0 && !ImportValues.TryParseDate(birthDateText, out birthDate))
        {
            // Personal data: say what is expected, never echo the value.
            rejection = new(line, H.BirthDate, "birth_date is not a real date written YYYY-MM-DD or DD.MM.YYYY");
            return null;
        }

        if (name.Length > 0 && birthDateText.Length > 0)
        {
            if (!SubjectIdentity.TryFromNameAndBirthDate(name, birthDate, out var byName, out var error))
            {
                var field = error!.Rule.StartsWith("BIRTH_DATE", StringComparison.Ordinal) ? H.BirthDate : H.FullName;
                rejection = new(line, field, Describe(error));
                return null;
            }

            identities.Add(byName!);
        }

        if (identities.Count == 0)
        {
            rejection = new(line, "identity", "no usable identity; give iin, or both full_name and birth_date");
            return null;
        }

        return identities;
    }

    private ImportRejection? ParseDate(long line, IReadOnlyList<string> fields, string column, bool required, out DateOnly? date)
    {
        date = null;
        var text = header.Get(fields, column);
        if (text.Length == 0)
        {
            return required ? new(line, column, $"{column} is required") : null;
        }

        if (!ImportValues.TryParseDate(text, out var value))
        {
            return new(line, column, $"{column} '{ImportValues.Echo(text)}' is not a real date written YYYY-MM-DD or DD.MM.YYYY");
        }

        date = value;
        return null;
    }

    /// <summary>The rule and its message (the SDK's message carries no <c>(Parameter '…')</c> suffix).</summary>
    private static string Describe(IdentityValidationException error) => $"{error.Rule}: {error.Message}";

    private static ImportRejection? Reject(long line, string field, string? reason) => reason is null ? null : new(line, field, reason);

    private static ImportRejection UnknownRegion(long line, string text) => new(line, H.Region,
        $"region '{ImportValues.Echo(text)}' is not a region or city of Kazakhstan (an ISO 3166-2:KZ code, or its English, Russian or Kazakh name)");

    private static ImportRejection Unknown(long line, string field, string text, IReadOnlyList<string> allowed) => new(line, field, text.Length == 0
        ? $"{field} is required"
        : $"{field} '{ImportValues.Echo(text)}' is unknown; expected one of: {ImportValues.Expected(allowed)}");
}
