using Registry.Service.Infrastructure;

namespace Registry.Service.Partners;

/// <summary>The partner and key failures, with their stable reasons.</summary>
public static class PartnerErrors
{
    public static RegistryException PartnerNotFound(string partnerId) =>
        RegistryErrors.NotFound("PARTNER_NOT_FOUND", $"No partner {partnerId} exists.");

    public static RegistryException PartnerExists(string name) =>
        RegistryErrors.AlreadyExists("PARTNER_EXISTS", $"A partner named '{name}' already exists.");

    public static RegistryException KeyNotFound(string keyId) =>
        RegistryErrors.NotFound("API_KEY_NOT_FOUND", $"No API key {keyId} exists.");

    public static RegistryException KeyAlreadyRevoked(string keyId) =>
        RegistryErrors.FailedPrecondition("API_KEY_ALREADY_REVOKED", $"API key {keyId} is already revoked.");
}
