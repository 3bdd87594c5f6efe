namespace Registry.Client;

/// <summary>One invalid field of a refused request, from the server's <c>google.rpc.BadRequest</c> details.</summary>
public sealed class RegistryFieldViolation
{
    /// <summary>Creates a field violation.</summary>
    /// <param name="field">The request field at fault, e.g. <c>evidence.captured_at</c>.</param>
    /// <param name="description">Why the field was refused.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public RegistryFieldViolation(string field, string description)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(description);
        Field = field;
        Description = description;
    }

    /// <summary>Gets the request field at fault, as named in the .proto contract.</summary>
    public string Field { get; }

    /// <summary>Gets why the field was refused.</summary>
    public string Description { get; }

    /// <summary>Returns <c>field: description</c>.</summary>
    /// <returns>The field and the description.</returns>
    public override string ToString() => $"{Field}: {Description}";
}
