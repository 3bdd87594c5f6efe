namespace Registry.Service.Partners;

/// <summary>A newly issued API key; <see cref="ApiKey"/> holds the secret and is shown once.</summary>
public sealed record IssuedKey(string KeyId, string ApiKey, DateTime CreatedAt)
{
    public override string ToString() => $"IssuedKey {{ KeyId = {KeyId} }}";
}
