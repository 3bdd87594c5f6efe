namespace Registry.Cli.Commands.Identity;

/// <summary>The <c>--json</c> document of <c>registry identity hash</c>.</summary>
/// <param name="Kind">The identity kind: <c>kz-iin</c> or <c>name-dob</c>.</param>
/// <param name="H1">h1 as 64 lowercase hex characters. Personal data (a pseudonym).</param>
internal sealed record IdentityHashResult(string Kind, string H1);
