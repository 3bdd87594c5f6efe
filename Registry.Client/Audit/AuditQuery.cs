namespace Registry.Client.Audit;

/// <summary>The filters and paging of an audit log query; every set filter must match.</summary>
public sealed class AuditQuery
{
    /// <summary>Gets or sets the inclusive lower bound on the entries' time.</summary>
    /// <value>Defaults to <see langword="null"/> (no bound).</value>
    public DateTimeOffset? From { get; set; }

    /// <summary>Gets or sets the exclusive upper bound on the entries' time.</summary>
    /// <value>Defaults to <see langword="null"/> (no bound).</value>
    public DateTimeOffset? To { get; set; }

    /// <summary>Gets or sets the partner id the entries must name.</summary>
    public string? PartnerId { get; set; }

    /// <summary>Gets or sets the action the entries must have, e.g. <c>check</c>.</summary>
    public string? Action { get; set; }

    /// <summary>Gets or sets the outcome the entries must have, e.g. <c>refused</c>.</summary>
    public string? Outcome { get; set; }

    /// <summary>Gets or sets the subject key (32 bytes, as found in another entry) the entries must have.</summary>
    public ReadOnlyMemory<byte>? SubjectKey { get; set; }

    /// <summary>Gets or sets the inclusive lower bound on the entries' sequence number.</summary>
    /// <value>Defaults to 0: no bound. To resume after the last entry seen, set it to that entry's sequence plus 1.</value>
    /// <remarks>A service older than this field ignores it; followers should still skip sequences they have seen.</remarks>
    public long FromSequence { get; set; }

    /// <summary>Gets or sets how many entries the service sends per page.</summary>
    /// <value>Defaults to 0, the service's default (100); at most 1000.</value>
    public int PageSize { get; set; }

    /// <summary>Gets or sets the most entries to return in all.</summary>
    /// <value>Defaults to 0: no limit.</value>
    public int MaxEntries { get; set; }

    /// <summary>Gets or sets a page token from an earlier query, to resume after that page.</summary>
    public string? PageToken { get; set; }
}
