namespace Registry.Client.Identity;

/// <summary>The kind of identifier a <see cref="SubjectIdentity"/> was built from (protocol v1).</summary>
public enum IdentityKind
{
    /// <summary>A Kazakhstan individual identification number (ИИН), kind name <c>kz-iin</c>.</summary>
    KzIin = 1,

    /// <summary>A full name plus date of birth, kind name <c>name-dob</c>.</summary>
    NameDob = 2,
}
