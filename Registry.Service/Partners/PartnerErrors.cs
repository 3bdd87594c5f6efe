using Registry.Service.Infrastructure;

namespace Registry.Service.Partners;

/// <summary>The partner and key failures, with their stable reasons.</summary>
public static class PartnerErrors
{
    public static RegistryException PartnerNotFound(string partnerId) =>
        RegistryErrors.NotFound("PARTNER_NOT_FOUND", $"No partner {partnerId} exists.");

    public const string PartnerExistsReason = "PARTNER_EXISTS";

    /// <summary>A partner of the same name (ignoring case, width and spacing, <see cref="PartnerNames"/>) exists.</summary>
    public static RegistryException PartnerExists(string name, string existing) =>
        RegistryErrors.AlreadyExists(PartnerExistsReason, string.Equals(name, existing, StringComparison.Ordinal)
            ? $"A partner named '{name}' already exists."
            : $"A partner named '{existing}' already exists; names are unique ignoring case, width and spacing, so '{name}' is the same name.");

    public static RegistryException KeyNotFound(string keyId) =>
        RegistryErrors.NotFound("API_KEY_NOT_FOUND", $"No API key {keyId} exists.");

    public static RegistryException KeyAlreadyRevoked(string keyId) =>
        RegistryErrors.FailedPrecondition("API_KEY_ALREADY_REVOKED", $"API key {keyId} is already revoked.");
}
