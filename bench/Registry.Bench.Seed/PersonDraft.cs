namespace Registry.Bench.Seed;

/// <summary>A generated person's raw identifiers: the IIN (12 digits, valid), the full name and the birth date the IIN encodes.</summary>
public sealed record PersonDraft(string Iin, string FullName, DateOnly BirthDate);
