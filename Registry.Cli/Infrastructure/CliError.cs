namespace Registry.Cli.Infrastructure;

/// <summary>The error document written to stdout under <c>--json</c> (inside <see cref="CliErrorDocument"/>) and, as text, to stderr.</summary>
/// <param name="Code">The gRPC status code in its canonical form (<c>PERMISSION_DENIED</c>), or a CLI code (<c>USAGE</c>, <c>INTERRUPTED</c>).</param>
/// <param name="Message">A human-readable message; never contains a key, an h1 or a raw identifier.</param>
/// <param name="Reason">The server's machine-readable <c>ErrorInfo</c> reason, when it gave one.</param>
/// <param name="RequestId">The request id of the failed call, when known.</param>
/// <param name="FieldViolations">The fields the server rejected, when it said which.</param>
internal sealed record CliError(
    string Code,
    string Message,
    string? Reason = null,
    string? RequestId = null,
    IReadOnlyList<CliFieldViolation>? FieldViolations = null);

/// <summary>One rejected field of a request.</summary>
/// <param name="Field">The field path, e.g. <c>evidence.captured_at</c>.</param>
/// <param name="Description">Why it was rejected.</param>
internal sealed record CliFieldViolation(string Field, string Description);

/// <summary>The top-level JSON document of a failed command: <c>{"error": {...}}</c>.</summary>
/// <param name="Error">The error.</param>
internal sealed record CliErrorDocument(CliError Error);
