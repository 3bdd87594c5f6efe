using Registry.Client.Identity;

namespace Registry.Bench.Seed;

/// <summary>A generated person: the IIN identity, and the name and birth date of the name-dob identity.</summary>
public sealed class Person(SubjectIdentity iin, string fullName, DateOnly birthDate)
{
    private SubjectIdentity? _nameDob;

    public SubjectIdentity Iin { get; } = iin;

    /// <summary>The name-dob identity, built on first use (only the people whose records carry both identities need it).</summary>
    public SubjectIdentity NameDob => _nameDob ??= SubjectIdentity.FromNameAndBirthDate(fullName, birthDate);
}
