namespace Registry.Service.Records;

/// <summary>Links a record to one of its subject's identities, by subject key.</summary>
public sealed class RecordSubject
{
    public long RecordId { get; init; }

    public required byte[] SubjectKey { get; init; }

    public required string SubjectKeyId { get; init; }
}
