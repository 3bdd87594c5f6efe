namespace Registry.Service.Infrastructure;

/// <summary>One invalid field of a request, as sent in <c>google.rpc.BadRequest</c>.</summary>
public sealed record FieldViolation(string Field, string Description);
