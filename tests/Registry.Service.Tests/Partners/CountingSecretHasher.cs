using Registry.Service.Partners;

namespace Registry.Service.Tests.Partners;

/// <summary>
/// The real BCrypt verification, counted: how many ran, and how many against the stand-in hash (an unknown key id). When
/// <see cref="HoldWrongSecrets"/> is set, a verification that fails blocks its thread (as a slow BCrypt run does) until
/// the event is set, for at most 10 s; a right secret is never held.
/// </summary>
public sealed class CountingSecretHasher(IApiKeySecretHasher inner) : IApiKeySecretHasher
{
    private int _count;
    private int _standIn;
    private int _held;

    public int Count => Volatile.Read(ref _count);

    public int StandInCount => Volatile.Read(ref _standIn);

    /// <summary>How many wrong-secret verifications are held right now.</summary>
    public int Held => Volatile.Read(ref _held);

    public ManualResetEventSlim? HoldWrongSecrets { get; set; }

    public bool Verify(string secret, string? storedHash)
    {
        Interlocked.Increment(ref _count);
        if (storedHash is null)
        {
            Interlocked.Increment(ref _standIn);
        }

        var matches = inner.Verify(secret, storedHash);
        if (!matches && HoldWrongSecrets is { } hold)
        {
            Interlocked.Increment(ref _held);
            hold.Wait(TimeSpan.FromSeconds(10));
            Interlocked.Decrement(ref _held);
        }

        return matches;
    }
}
