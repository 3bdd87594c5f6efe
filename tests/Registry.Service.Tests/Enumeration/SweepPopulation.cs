using System.Globalization;
using Registry.Client.Identity;

namespace Registry.Service.Tests.Enumeration;

/// <summary>
/// A test population of valid IINs, in the order a sweeper walks the IIN space: men born from 1 January 1985 on, serials
/// 0001 to 9999 for each day (spec §2 check digits; the IINs whose check digit is undefined are skipped).
/// </summary>
public static class SweepPopulation
{
    public const int Size = 100_000;

    public static IEnumerable<SubjectIdentity> Walk()
    {
        var first = new DateOnly(1985, 1, 1);
        var count = 0;
        for (var day = 0; count < Size; day++)
        {
            var date = first.AddDays(day);
            for (var serial = 1; serial <= 9_999 && count < Size; serial++)
            {
                var digits = string.Create(CultureInfo.InvariantCulture, $"{date:yyMMdd}3{serial:D4}");
                if (CheckDigit(digits) is { } check)
                {
                    count++;
                    yield return SubjectIdentity.FromIin(digits + check.ToString(CultureInfo.InvariantCulture));
                }
            }
        }
    }

    private static int? CheckDigit(string digits)
    {
        var check = WeightedSum(digits, 1) % 11;
        if (check == 10)
        {
            check = WeightedSum(digits, 3) % 11;
        }

        return check == 10 ? null : check;
    }

    private static int WeightedSum(string digits, int firstWeight)
    {
        var sum = 0;
        for (var i = 0; i < 11; i++)
        {
            sum += (digits[i] - '0') * (((firstWeight - 1 + i) % 11) + 1);
        }

        return sum;
    }
}
