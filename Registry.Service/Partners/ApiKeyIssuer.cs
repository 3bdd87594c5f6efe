using Microsoft.Extensions.Options;

namespace Registry.Service.Partners;

/// <summary>Creates API keys: a random secret, of which only a BCrypt hash is kept.</summary>
public sealed class ApiKeyIssuer(IOptions<ApiKeyOptions> options)
{
    public (ApiKey Entity, IssuedKey Issued) Create(string partnerId, DateTime now)
    {
        var (keyId, secret, apiKey) = ApiKeyFormat.Generate();
        var entity = new ApiKey
        {
            Id = keyId,
            PartnerId = partnerId,
            SecretHash = BCrypt.Net.BCrypt.HashPassword(secret, options.Value.BcryptWorkFactor),
            CreatedAt = now,
        };
        return (entity, new IssuedKey(keyId, apiKey, now));
    }
}
