using System.Globalization;
using Registry.Client.Identity;

namespace Registry.Service.Tests.Enumeration;

/// <summary>
/// A test population of valid IINs, in the order a sweeper walks the IIN space: men born from 1 January 1985 on, serials
/// 0001 to 9999 for each day, each with the one check digit the SDK accepts (spec §2; a serial whose check digit is
/// undefined is skipped).
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
                var prefix = string.Create(CultureInfo.InvariantCulture, $"{date:yyMMdd}3{serial:D4}");
                for (var check = 0; check <= 9; check++)
                {
                    if (SubjectIdentity.TryFromIin(prefix + (char)('0' + check), out var identity, out _))
                    {
                        count++;
                        yield return identity!;
                        break;
                    }
                }
            }
        }
    }
}
