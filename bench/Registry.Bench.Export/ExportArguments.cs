using System.Globalization;

namespace Registry.Bench.Export;

/// <summary>
/// <c>--rows N --out FILE [--seed 42] [--quirks] [--bad-fraction 0] [--as-of YYYY-MM-DD]</c>.
/// </summary>
/// <param name="AsOf">The day the export is made: statuses (active/expired) and "future" are relative to it. Default:
/// today (UTC), so a file is byte-for-byte reproducible from the seed and this date.</param>
public sealed record ExportArguments(long Rows, string Output, int Seed, bool Quirks, double BadFraction, DateOnly AsOf)
{
    public const string Usage =
        "usage: Registry.Bench.Export --rows N --out FILE [--seed 42] [--quirks] [--bad-fraction 0.01] [--as-of YYYY-MM-DD]\n" +
        "  --quirks        ';', DD.MM.YYYY dates (mixed with ISO), UTF-8 BOM, CRLF, quoted court names with quotes,\n" +
        "                  delimiters and line breaks, IINs with spaces/dashes, typographic apostrophes and dashes in\n" +
        "                  names, regions as code or English/Russian/Kazakh name. Without it: ',', ISO dates, LF, codes.\n" +
        "  --bad-fraction  that fraction of rows is wrong in exactly one way (spec §6); the counts go to stderr.";

    public static ExportArguments Parse(IReadOnlyList<string> args, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(args);
        long? rows = null;
        string? output = null;
        var seed = 42;
        var quirks = false;
        var badFraction = 0.0;
        var asOf = today;
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--rows":
                    rows = long.Parse(Value(), NumberStyles.None, CultureInfo.InvariantCulture);
                    break;
                case "--out":
                    output = Value();
                    break;
                case "--seed":
                    seed = int.Parse(Value(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
                    break;
                case "--quirks":
                    quirks = true;
                    break;
                case "--bad-fraction":
                    badFraction = double.Parse(Value(), NumberStyles.Float, CultureInfo.InvariantCulture);
                    break;
                case "--as-of":
                    asOf = DateOnly.ParseExact(Value(), "yyyy-MM-dd", CultureInfo.InvariantCulture);
                    break;
                default:
                    throw new ArgumentException($"unknown option '{args[i]}'");
            }
        }

        if (badFraction is < 0 or > 1)
        {
            throw new ArgumentException("--bad-fraction must be between 0 and 1");
        }

        return new ExportArguments(
            rows ?? throw new ArgumentException("--rows N is required"),
            output ?? throw new ArgumentException("--out FILE is required"),
            seed, quirks, badFraction, asOf);
    }
}
