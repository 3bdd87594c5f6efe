namespace Registry.Service.Identity;

/// <summary>The server-side subject key HMAC-SHA256(K, h1) and the id of K (spec §2). Never h1 itself.</summary>
public sealed record SubjectKey(byte[] Value, string KeyId)
{
    public bool Matches(byte[] other) => System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(Value, other);

    public override string ToString() => $"subject-key:{KeyId}";
}
