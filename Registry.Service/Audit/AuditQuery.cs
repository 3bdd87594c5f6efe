namespace Registry.Service.Audit;

/// <summary>A query of the sequenced log: every set filter must match; paging resumes after a sequence number.</summary>
public sealed record AuditQuery
{
    public DateTime? From { get; init; }

    public DateTime? To { get; init; }

    public string? PartnerId { get; init; }

    public string? Action { get; init; }

    public string? Outcome { get; init; }

    public byte[]? SubjectKey { get; init; }

    /// <summary>Inclusive lower bound on the sequence number; 0 for none.</summary>
    public long FromSequence { get; init; }

    public int PageSize { get; init; } = 100;

    public long? AfterSequence { get; init; }

    public int MaxEntries { get; init; }
}
