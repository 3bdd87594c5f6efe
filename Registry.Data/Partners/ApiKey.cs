namespace Registry.Service.Partners;

/// <summary>An API key <c>rk_&lt;id&gt;_&lt;secret&gt;</c>; only a BCrypt hash of the secret is stored.</summary>
public sealed class ApiKey
{
    public required string Id { get; init; }

    public required string PartnerId { get; init; }

    public required string SecretHash { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime? RevokedAt { get; set; }

    public Partner? Partner { get; init; }
}
