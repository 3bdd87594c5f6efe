using System.Globalization;
using Registry.Client.Admin;
using Registry.Service.Identity;
using Registry.Service.Infrastructure;
using Registry.Service.Records;
using V1 = Registry.Protos.V1;

namespace Registry.Service.Import;

/// <summary>
/// Validates a row as the service receives it, never trusting the client: the shared row rules
/// (<see cref="RecordRowRules"/>, <see cref="KzRegions"/>), the enums, and the hashed identities, which it keys with K.
/// </summary>
internal sealed class ImportRowValidator(SubjectKeyRing keyRing, TimeProvider timeProvider)
{
    public ImportRow? Validate(V1.RecordRow row, out ImportRejection? rejection)
    {
        ArgumentNullException.ThrowIfNull(row);
        var line = row.Line;
        var sourceId = row.SourceId.Trim();
        var caseNumber = row.CaseNumber.Trim();
        rejection = Check(line, "source_id", RecordRowRules.CheckKey("source_id", sourceId, RecordRowRules.SourceIdMaxLength))
            ?? Check(line, "case_number", RecordRowRules.CheckKey("case_number", caseNumber, RecordRowRules.CaseNumberMaxLength))
            ?? Check(line, "article", RecordRowRules.CheckText("article", row.Article, RecordRowRules.ArticleMaxLength))
            ?? Check(line, "court", RecordRowRules.CheckText("court", row.Court, RecordRowRules.CourtMaxLength));
        if (rejection is not null)
        {
            return null;
        }

        if (row.Category.ToDomain() is not { } category)
        {
            rejection = new ImportRejection(line, "category", "category is missing or unknown");
            return null;
        }

        if (row.Status.ToDomain() is not { } status)
        {
            rejection = new ImportRejection(line, "status", "status is missing or unknown");
            return null;
        }

        if (row.Region.Length > 0 && !KzRegions.IsCode(row.Region))
        {
            rejection = new ImportRejection(line, "region", "region is not an ISO 3166-2:KZ code of a region or city of republican significance");
            return null;
        }

        if (!TryDate(row.DecisionDate, out var decision) || decision is null)
        {
            rejection = new ImportRejection(line, "decision_date", decision is null && row.DecisionDate is null
                ? "decision_date is required" : "decision_date is not a calendar date");
            return null;
        }

        if (!TryDate(row.EffectiveFrom, out var effectiveFrom))
        {
            rejection = new ImportRejection(line, "effective_from", "effective_from is not a calendar date");
            return null;
        }

        if (!TryDate(row.ExpiresAt, out var expiresAt))
        {
            rejection = new ImportRejection(line, "expires_at", "expires_at is not a calendar date");
            return null;
        }

        if (RecordRowRules.CheckDates(decision.Value, effectiveFrom, expiresAt, timeProvider) is { } dates)
        {
            rejection = new ImportRejection(line, dates.Field, dates.Reason);
            return null;
        }

        var subjects = KeySubjects(row, out rejection);
        if (subjects is null)
        {
            return null;
        }

        return new ImportRow(line, sourceId, caseNumber, category, row.Article.NullIfEmpty(), row.Region.NullIfEmpty(),
            row.Court.NullIfEmpty(), decision.Value, effectiveFrom, expiresAt, status, subjects);
    }

    private SubjectKey[]? KeySubjects(V1.RecordRow row, out ImportRejection? rejection)
    {
        rejection = null;
        if (row.Identities.Count is 0 or > RecordRowRules.MaxIdentities)
        {
            rejection = new ImportRejection(row.Line, "identities", string.Create(CultureInfo.InvariantCulture,
                $"a record needs 1 to {RecordRowRules.MaxIdentities} hashed identities (an IIN and/or a name with date of birth), not {row.Identities.Count}"));
            return null;
        }

        var keys = new SubjectKey[row.Identities.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            var identity = row.Identities[i];
            if (identity.Kind is not (V1.IdentityKind.KzIin or V1.IdentityKind.NameDob))
            {
                rejection = new ImportRejection(row.Line, "identities", "an identity has no or an unknown kind");
                return null;
            }

            if (identity.H1.Length != SubjectKeyRing.H1Length)
            {
                rejection = new ImportRejection(row.Line, "identities", string.Create(CultureInfo.InvariantCulture,
                    $"an identity's h1 must be {SubjectKeyRing.H1Length} bytes, not {identity.H1.Length}"));
                return null;
            }

            if (i > 0 && identity.Kind == row.Identities[0].Kind)
            {
                rejection = new ImportRejection(row.Line, "identities", "a record carries at most one identity of each kind");
                return null;
            }

            keys[i] = keyRing.Derive(identity.H1.Span);
        }

        Array.Sort(keys, static (a, b) => a.Value.AsSpan().SequenceCompareTo(b.Value));
        return keys;
    }

    private static ImportRejection? Check(long line, string field, string? reason) =>
        reason is null ? null : new ImportRejection(line, field, reason);

    private static bool TryDate(Google.Type.Date? date, out DateOnly? value)
    {
        value = null;
        if (date is null || (date.Year == 0 && date.Month == 0 && date.Day == 0))
        {
            return true;
        }

        if (date.Year is < 1 or > 9999 || date.Month is < 1 or > 12 || date.Day < 1 || date.Day > DateTime.DaysInMonth(date.Year, date.Month))
        {
            return false;
        }

        value = new DateOnly(date.Year, date.Month, date.Day);
        return true;
    }
}
