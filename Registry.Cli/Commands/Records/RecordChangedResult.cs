namespace Registry.Cli.Commands.Records;

/// <summary>The <c>--json</c> document of <c>registry records correct|expunge</c>.</summary>
internal sealed record RecordChangedResult(string SourceId, string CaseNumber, string Change, string AuditEntryId);
