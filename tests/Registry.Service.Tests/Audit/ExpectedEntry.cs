namespace Registry.Service.Tests.Audit;

/// <summary>The fields an audit row must hold for one call (spec §5); null means the column must be null.</summary>
public sealed record ExpectedEntry(string Action, string Role, string Outcome)
{
    public string? PartnerId { get; init; }

    public string? KeyId { get; init; }

    public byte[]? SubjectKey { get; init; }

    public string? SubjectKeyId { get; init; }

    public string? ConsentId { get; init; }

    public string? Purpose { get; init; }

    public string? Reason { get; init; }

    public string? RequestId { get; init; }

    /// <summary>A fragment the free-text detail must contain; null to not check it.</summary>
    public string? DetailContains { get; init; }

    public void AssertMatches(Dictionary<string, object?> row)
    {
        ArgumentNullException.ThrowIfNull(row);
        Assert.Equal(Action, row["Action"]);
        Assert.Equal(Role, row["ActorRole"]);
        Assert.Equal(Outcome, row["Outcome"]);
        Assert.Equal(PartnerId, row["PartnerId"]);
        Assert.Equal(KeyId, row["KeyId"]);
        Assert.Equal(SubjectKey, row["SubjectKey"] as byte[]);
        Assert.Equal(SubjectKeyId, row["SubjectKeyId"]);
        Assert.Equal(ConsentId, row["ConsentId"]);
        Assert.Equal(Purpose, row["Purpose"]);
        Assert.Equal(Reason, row["Reason"]);
        Assert.Equal(RequestId, row["RequestId"]);
        if (DetailContains is not null)
        {
            Assert.Contains(DetailContains, (string?)row["Detail"] ?? string.Empty, StringComparison.Ordinal);
        }
    }
}
