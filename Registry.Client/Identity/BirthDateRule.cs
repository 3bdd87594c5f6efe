namespace Registry.Client.Identity;

/// <summary>The bounds a date of birth must respect, shared by the IIN's encoded date and the name-dob date.</summary>
internal static class BirthDateRule
{
    /// <summary>The earliest accepted date of birth; IIN century digits 1-2 (the 1800s) start here too.</summary>
    public static readonly DateOnly MinBirthDate = new(1800, 1, 1);

    /// <summary>
    /// The latest accepted date of birth: tomorrow in UTC. One day of slack keeps a person born today in a time zone
    /// ahead of UTC (Kazakhstan is UTC+5) valid while UTC is still on the previous day.
    /// </summary>
    public static DateOnly MaxBirthDate(TimeProvider clock) =>
        DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(1);

    public static bool IsInFuture(DateOnly date, TimeProvider clock) => date > MaxBirthDate(clock);
}
