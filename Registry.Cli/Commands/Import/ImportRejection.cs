namespace Registry.Cli.Commands.Import;

/// <summary>A row that was not imported: where it starts in the file, the column at fault and why.</summary>
/// <param name="Line">The physical line of the file where the row starts (the header is line 1).</param>
/// <param name="Field">The column at fault, e.g. <c>iin</c>; <c>row</c> when the row as a whole is malformed.</param>
/// <param name="Reason">Why; never the identifier itself.</param>
internal sealed record ImportRejection(long Line, string Field, string Reason)
{
    /// <summary>The text of the rejects file's <c>reason</c> column: the reason, led by the column when it does not name it.</summary>
    public string Text => Reason.StartsWith(Field, StringComparison.Ordinal) ? Reason : $"{Field}: {Reason}";
}
