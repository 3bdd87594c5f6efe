namespace Registry.Client.Internal;

/// <summary>Request ids: one per logical call, reused by every attempt so the server can answer a repeat once.</summary>
internal static class RequestIds
{
    public const int MaxLength = 100;

    public static string OrNew(string? requestId, string paramName = "requestId")
    {
        if (requestId is null)
        {
            return Guid.NewGuid().ToString("N");
        }

        if (requestId.Length is 0 or > MaxLength || requestId.Any(char.IsControl))
        {
            throw new ArgumentException($"A request id has 1..{MaxLength} printable characters.", paramName);
        }

        return requestId;
    }
}
