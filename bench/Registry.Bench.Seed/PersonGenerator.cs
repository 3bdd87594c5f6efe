using Registry.Client.Identity;

namespace Registry.Bench.Seed;

/// <summary>
/// Makes real-looking people: a unique IIN with a valid check digit (spec §2), validated and hashed by the SDK's
/// <see cref="SubjectIdentity"/>, and a Kazakh or Russian full name for the name-dob identity.
/// </summary>
/// <remarks>
/// With <paramref name="uniqueIins"/> false no IIN is remembered, so memory stays flat for any number of people (the
/// export generator streams files of any size; an IIN may then repeat, about once in 10⁴ draws per birth date).
/// </remarks>
public sealed class PersonGenerator(Random random, DateOnly today, bool uniqueIins = true)
{
    private static readonly string[] MaleSurnames =
    [
        "Ахметов", "Сапаров", "Бекмұханов", "Оспанов", "Жумабаев", "Серікбаев", "Абдрахманов", "Смагулов", "Тулегенов",
        "Есенов", "Касымов", "Нұрланов", "Кенжебаев", "Мухамеджанов", "Байжанов", "Иванов", "Петров", "Кузнецов",
        "Попов", "Васильев", "Ким", "Цой", "Шевченко", "Бондаренко", "Сулейменов", "Әбенов", "Қасенов", "Ермеков",
    ];

    private static readonly string[] MaleNames =
    [
        "Ерлан", "Дәурен", "Нұрлан", "Асхат", "Руслан", "Бауыржан", "Серік", "Марат", "Ержан", "Айдос", "Тимур", "Бекзат",
        "Дархан", "Ерболат", "Қайрат", "Алексей", "Денис", "Дмитрий", "Андрей", "Сергей", "Виктор", "Максим", "Артём",
    ];

    private static readonly string[] FemaleNames =
    [
        "Айгүл", "Динара", "Жанар", "Гүлнар", "Әсел", "Мадина", "Салтанат", "Ольга", "Елена", "Наталья", "Ирина", "Анна",
    ];

    private static readonly string[] Patronymics =
    [
        "Серікұлы", "Нұрланұлы", "Маратұлы", "Ерланұлы", "Қайратұлы", "Игоревич", "Сергеевич", "Викторович", "Маратович",
        "Александрович", "Болатович", "Ерланович",
    ];

    private readonly HashSet<long> _issued = [];

    /// <summary>A new person with an IIN no earlier person has; about 90 % men, born 1950–2007.</summary>
    public Person Next()
    {
        var draft = NextDraft();
        return new Person(SubjectIdentity.FromIin(draft.Iin), draft.FullName, draft.BirthDate);
    }

    /// <summary>A new person's raw identifiers, not hashed: the IIN's 12 digits, the full name and the birth date.</summary>
    public PersonDraft NextDraft()
    {
        var isMale = random.NextDouble() < 0.9;
        var birth = new DateOnly(1950, 1, 1).AddDays(random.Next(today.AddYears(-18).DayNumber - new DateOnly(1950, 1, 1).DayNumber));
        var iin = NewIin(birth, isMale);
        var surname = MaleSurnames[random.Next(MaleSurnames.Length)];
        var name = isMale
            ? $"{surname} {MaleNames[random.Next(MaleNames.Length)]}"
            : $"{FemaleSurname(surname)} {FemaleNames[random.Next(FemaleNames.Length)]}";
        if (isMale && random.NextDouble() < 0.7)
        {
            name += " " + Patronymics[random.Next(Patronymics.Length)];
        }

        return new PersonDraft(iin, name, birth);
    }

    private static string FemaleSurname(string surname) =>
        surname.EndsWith("ов", StringComparison.Ordinal) || surname.EndsWith("ев", StringComparison.Ordinal) ? surname + "а" : surname;

    private string NewIin(DateOnly birth, bool isMale)
    {
        var century = birth.Year < 2000 ? (isMale ? 3 : 4) : (isMale ? 5 : 6);
        Span<char> digits = stackalloc char[12];
        while (true)
        {
            $"{birth:yyMMdd}".CopyTo(digits);
            digits[6] = (char)('0' + century);
            for (var i = 7; i < 11; i++)
            {
                digits[i] = (char)('0' + random.Next(10));
            }

            if (CheckDigit(digits) is not { } check)
            {
                continue;
            }

            digits[11] = (char)('0' + check);
            if (!uniqueIins || _issued.Add(long.Parse(digits, provider: System.Globalization.CultureInfo.InvariantCulture)))
            {
                return new string(digits);
            }
        }
    }

    // The spec §2 rule; SubjectIdentity.FromIin validates the result again, so a mistake here fails loudly.
    private static int? CheckDigit(ReadOnlySpan<char> digits)
    {
        var check = WeightedSum(digits, 1) % 11;
        if (check == 10)
        {
            check = WeightedSum(digits, 3) % 11;
        }

        return check == 10 ? null : check;
    }

    private static int WeightedSum(ReadOnlySpan<char> digits, int firstWeight)
    {
        var sum = 0;
        for (var i = 0; i < 11; i++)
        {
            sum += (digits[i] - '0') * (((firstWeight - 1 + i) % 11) + 1);
        }

        return sum;
    }
}
