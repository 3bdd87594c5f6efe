using System.Globalization;
using Registry.Client.Identity;

namespace Registry.Bench.Export;

/// <summary>
/// Turns a good row into a bad one, wrong in exactly one of the ways of <see cref="BadRowKind"/>, and counts them.
/// </summary>
public sealed class BadRowInjector(Random random, DateOnly asOf, ExportQuirks? quirks)
{
    private static readonly BadRowKind[] Kinds = Enum.GetValues<BadRowKind>();
    private static readonly string[] UnknownCategories = ["domestic_violence", "warning", "предписание", "protective"];
    private static readonly string[] UnknownStatuses = ["pending", "appealed", "действует", "closed"];

    // Abolished in 1997 or never a region; none of them is a code or a name in kz-regions.csv.
    private static readonly string[] UnknownRegions = ["KZ-99", "Семипалатинская область", "Tselinograd Region", "Жезказган облысы"];

    // Days that do not exist in any year (29.02 is added for non-leap years).
    private static readonly (int Month, int Day)[] ImpossibleDays = [(2, 30), (2, 31), (4, 31), (6, 31), (9, 31), (11, 31)];

    private readonly long[] _counts = new long[Kinds.Length];

    public IReadOnlyList<(BadRowKind Kind, long Rows)> Counts => Kinds.Select(k => (k, _counts[(int)k])).ToArray();

    public void Apply(ExportRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var kind = Kinds[random.Next(Kinds.Length)];
        _counts[(int)kind]++;
        switch (kind)
        {
            case BadRowKind.IinChecksum:
                row.Iin = WrongCheckDigit(row.PersonIin);
                row.BirthDate = ""; // the IIN is then the row's only identity
                break;
            case BadRowKind.ImpossibleDate when random.Next(2) == 0:
                row.DecisionDate = ImpossibleDate(row);
                break;
            case BadRowKind.ImpossibleDate:
                row.EffectiveFrom = ImpossibleDate(row);
                break;
            case BadRowKind.UnknownCategory:
                row.Category = UnknownCategories[random.Next(UnknownCategories.Length)];
                break;
            case BadRowKind.UnknownStatus:
                row.Status = UnknownStatuses[random.Next(UnknownStatuses.Length)];
                break;
            case BadRowKind.UnknownRegion:
                row.Region = UnknownRegions[random.Next(UnknownRegions.Length)];
                break;
            case BadRowKind.ExpiryBeforeStart:
                var until = (row.From ?? row.Decided).AddDays(-random.Next(1, 91));
                row.ExpiresAt = row.FormatDate(until);
                if (row.Status is "active" or "expired")
                {
                    row.Status = until < asOf ? "expired" : "active";
                }

                break;
            case BadRowKind.MissingCaseNumber:
                row.CaseNumber = "";
                break;
            case BadRowKind.NoUsableIdentity:
                NoIdentity(row);
                break;
            case BadRowKind.FutureDecisionDate:
                var decided = asOf.AddDays(random.Next(1, 366));
                var length = row.Until is { } end ? end.DayNumber - (row.From ?? row.Decided).DayNumber : (int?)null;
                row.DecisionDate = row.FormatDate(decided);
                row.EffectiveFrom = row.FormatDate(decided);
                row.ExpiresAt = length is { } days ? row.FormatDate(decided.AddDays(days)) : "";
                row.Status = "active";
                break;
            default:
                throw new InvalidOperationException($"unhandled {kind}");
        }
    }

    private string ImpossibleDate(ExportRow row)
    {
        var pick = random.Next(ImpossibleDays.Length + 1);
        var (month, day) = pick < ImpossibleDays.Length ? ImpossibleDays[pick] : (2, 29);
        var year = row.Decided.Year;
        if ((month, day) == (2, 29) && DateTime.IsLeapYear(year))
        {
            year--;
        }

        return row.IsDotted
            ? string.Create(CultureInfo.InvariantCulture, $"{day:D2}.{month:D2}.{year:D4}")
            : string.Create(CultureInfo.InvariantCulture, $"{year:D4}-{month:D2}-{day:D2}");
    }

    // No IIN, and a name without a birth date, a birth date without a name, or neither.
    private void NoIdentity(ExportRow row)
    {
        row.Iin = "";
        var keep = random.Next(3);
        row.FullName = keep == 0 ? row.FullName : "";
        row.BirthDate = keep == 1 ? row.FormatDate(KzIin.GetBirthDate(row.PersonIin)) : "";
    }

    private string WrongCheckDigit(string iin)
    {
        var wrong = string.Concat(iin.AsSpan(0, 11), ((char)('0' + ((iin[11] - '0' + random.Next(1, 10)) % 10))).ToString());
        // The SDK must reject it for its check digit, not for some other rule.
        if (KzIin.TryNormalize(wrong, out _, out var error) || error!.Rule != IdentityValidationRules.IinChecksum)
        {
            throw new InvalidOperationException($"a mistyped check digit was not rejected as {IdentityValidationRules.IinChecksum}");
        }

        return quirks?.Iin(wrong) ?? wrong;
    }
}
