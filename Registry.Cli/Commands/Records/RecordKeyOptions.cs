using System.CommandLine;

namespace Registry.Cli.Commands.Records;

/// <summary>The record key (spec §6): <c>--source-id</c> and <c>--case-number</c>.</summary>
internal sealed class RecordKeyOptions
{
    public Option<string> SourceId { get; } = new("--source-id") { Description = "The exporting system of the record.", Required = true };

    public Option<string> CaseNumber { get; } = new("--case-number") { Description = "The record's case number.", Required = true };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Add(SourceId);
        command.Add(CaseNumber);
    }
}
