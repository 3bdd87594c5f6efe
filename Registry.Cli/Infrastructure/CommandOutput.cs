using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Registry.Cli.Json;

namespace Registry.Cli.Infrastructure;

/// <summary>
/// Where a command writes: results to stdout (as text, or as exactly one JSON document under <c>--json</c>),
/// progress, warnings and errors to stderr. Wraps <c>InvocationConfiguration.Output</c>/<c>Error</c> so tests capture it.
/// </summary>
internal sealed class CommandOutput(TextWriter output, TextWriter error, bool isJson)
{
    /// <summary>Gets a value indicating whether stdout carries one JSON document instead of text.</summary>
    public bool IsJson => isJson;

    /// <summary>Gets stdout.</summary>
    public TextWriter Out => output;

    /// <summary>Gets stderr.</summary>
    public TextWriter Error => error;

    /// <summary>Writes the command's result: JSON under <c>--json</c>, otherwise the text <paramref name="writeText"/> produces.</summary>
    public void WriteResult<T>(T value, JsonTypeInfo<T> typeInfo, Action<TextWriter, T> writeText)
    {
        if (isJson)
        {
            output.WriteLine(JsonSerializer.Serialize(value, typeInfo));
        }
        else
        {
            writeText(output, value);
        }
    }

    /// <summary>Writes a warning line to stderr.</summary>
    public void Warn(string message) => error.WriteLine($"warning: {message}");

    /// <summary>Writes an informational line (progress, receipts) to stderr, never to the result stream.</summary>
    public void Info(string message) => error.WriteLine(message);

    /// <summary>Reports a failure: text on stderr always, and the error document on stdout under <c>--json</c>.</summary>
    public void WriteError(CliError failure)
    {
        error.WriteLine(FormatError(failure));
        if (isJson)
        {
            output.WriteLine(JsonSerializer.Serialize(new CliErrorDocument(failure), CliJsonContext.Default.CliErrorDocument));
        }
    }

    private static string FormatError(CliError failure)
    {
        var text = $"error: {failure.Code}: {failure.Message}";
        if (failure.Reason is not null)
        {
            text += $"{Environment.NewLine}reason: {failure.Reason}";
        }

        if (failure.RequestId is not null)
        {
            text += $"{Environment.NewLine}request id: {failure.RequestId}";
        }

        foreach (var violation in failure.FieldViolations ?? [])
        {
            text += $"{Environment.NewLine}  {violation.Field}: {violation.Description}";
        }

        return text;
    }
}
