namespace Registry.Client;

/// <summary>An API key (<c>rk_&lt;key id&gt;_&lt;secret&gt;</c>) that authenticates a <see cref="RegistryClient"/>.</summary>
/// <remarks>The key is sent as <c>authorization: Bearer &lt;key&gt;</c> on every call. <see cref="ToString"/> shows only
/// the key id, never the secret.</remarks>
public sealed class RegistryApiKeyCredential
{
    private readonly string _apiKey;

    /// <summary>Creates a credential from a full API key.</summary>
    /// <param name="apiKey">The key, <c>rk_&lt;key id&gt;_&lt;secret&gt;</c>, as issued by an administrator.</param>
    /// <exception cref="ArgumentNullException"><paramref name="apiKey"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="apiKey"/> does not have the <c>rk_&lt;key id&gt;_&lt;secret&gt;</c> shape
    /// (the message never repeats the key).</exception>
    public RegistryApiKeyCredential(string apiKey)
    {
        ArgumentNullException.ThrowIfNull(apiKey);
        KeyId = ParseKeyId(apiKey)
            ?? throw new ArgumentException("An API key has the shape rk_<key id>_<secret>.", nameof(apiKey));
        _apiKey = apiKey;
    }

    /// <summary>Gets the id part of the key, which is not secret.</summary>
    public string KeyId { get; }

    /// <summary>Returns a description that names the key id and hides the secret.</summary>
    /// <returns>For example <c>rk_abc_***</c>.</returns>
    public override string ToString() => $"rk_{KeyId}_***";

    /// <summary>The value of the authorization header.</summary>
    internal string AuthorizationHeaderValue => "Bearer " + _apiKey;

    /// <summary>Whether a string has the shape of an API key.</summary>
    internal static bool HasKeyShape(string apiKey) => ParseKeyId(apiKey) is not null;

    private static string? ParseKeyId(string apiKey)
    {
        if (!apiKey.StartsWith("rk_", StringComparison.Ordinal))
        {
            return null;
        }

        var separator = apiKey.IndexOf('_', 3);
        var hasIdAndSecret = separator > 3 && separator < apiKey.Length - 1;
        var hasNoWhiteSpace = !apiKey.Any(char.IsWhiteSpace);
        return hasIdAndSecret && hasNoWhiteSpace ? apiKey[3..separator] : null;
    }
}
