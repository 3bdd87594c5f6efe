namespace Registry.Service.Audit;

/// <summary>One streamed page of a query and the token that resumes after it.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, string NextPageToken);
