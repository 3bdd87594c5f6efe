namespace Registry.Client.Admin;

/// <summary>A row of an import that the service refused.</summary>
/// <remarks>Built by the client from the service's answers; tests build it with <see cref="RegistryModelFactory"/>.</remarks>
public sealed class RowRejection
{
    internal RowRejection(long line, string field, string reason)
    {
        Line = line;
        Field = field;
        Reason = reason;
    }

    /// <summary>Gets the row's line number in the source file.</summary>
    public long Line { get; }

    /// <summary>Gets the field at fault, e.g. <c>decision_date</c>.</summary>
    public string Field { get; }

    /// <summary>Gets why the row was refused.</summary>
    public string Reason { get; }
}
