namespace Registry.Service.Checks;

/// <summary>The minimal summary of spec §4.</summary>
public sealed record CheckSummary(IReadOnlyList<CategorySummary> Categories, bool ProtectiveOrderInForce);
