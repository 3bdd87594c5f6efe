using Registry.Client.Admin;

namespace Registry.Cli.Commands.Keys;

/// <summary>A newly issued API key in <c>--json</c> output; the only time its secret is shown.</summary>
internal sealed record ApiKeyView(string KeyId, string ApiKey, DateTimeOffset CreatedAt)
{
    public const string StoreItNowWarning =
        "the API key below is shown once and cannot be retrieved again; store it in a secret store now.";

    public static ApiKeyView From(IssuedApiKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new(key.KeyId, key.ApiKey, key.CreatedAt);
    }
}
