using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Registry.Service.Partners;
using Registry.Service.Tests.Infrastructure;

namespace Registry.Service.Tests.Partners;

/// <summary>Puts a <see cref="CountingSecretHasher"/> around the service's BCrypt verification.</summary>
public static class AuthTestServices
{
    public static void UseCountingHasher(IServiceCollection services)
    {
        services.RemoveAll<IApiKeySecretHasher>();
        services.AddSingleton<IApiKeySecretHasher>(sp =>
            new CountingSecretHasher(new BcryptSecretHasher(sp.GetRequiredService<IOptions<ApiKeyOptions>>())));
    }

    public static CountingSecretHasher Hasher(this RegistryAppFactory factory) =>
        (CountingSecretHasher)factory.Services.GetRequiredService<IApiKeySecretHasher>();

    /// <summary>The same key with another secret (a wrong one).</summary>
    public static string WithWrongSecret(string apiKey) => apiKey[..^64] + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    /// <summary>A well-formed key whose id almost certainly does not exist.</summary>
    public static string UnknownKey() =>
        "rk_" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8)) + "_"
        + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
}
