namespace Registry.Service.Partners;

/// <summary>Checks a presented secret against a stored hash (BCrypt in the service; a counting fake in tests).</summary>
public interface IApiKeySecretHasher
{
    /// <summary>
    /// True when <paramref name="secret"/> matches <paramref name="storedHash"/>. With no stored hash (an unknown key id) it
    /// still does the same work, against a stand-in hash, and returns false: a wrong secret costs the same either way.
    /// </summary>
    bool Verify(string secret, string? storedHash);
}
