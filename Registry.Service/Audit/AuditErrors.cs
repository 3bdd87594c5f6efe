using Registry.Service.Infrastructure;

namespace Registry.Service.Audit;

/// <summary>The expected failures of the auditor API.</summary>
public static class AuditErrors
{
    public static RegistryException EntryNotFound() =>
        RegistryErrors.NotFound("AUDIT_ENTRY_NOT_FOUND", "No audit entry has this id.");

    public static RegistryException EntryNotSequenced() =>
        RegistryErrors.FailedPrecondition("AUDIT_ENTRY_NOT_SEQUENCED",
            "The entry is not in a checkpoint yet; retry in a second or two.");

    public static RegistryException Invalid(string field, string description) =>
        RegistryErrors.Validation(new FieldViolation(field, description));
}
