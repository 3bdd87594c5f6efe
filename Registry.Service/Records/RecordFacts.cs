namespace Registry.Service.Records;

/// <summary>The only fields of a record a check ever looks at.</summary>
public sealed record RecordFacts(RecordCategory Category, RecordStatus Status, DateOnly DecisionDate, DateOnly? EffectiveFrom, DateOnly? ExpiresAt);
