namespace Registry.Cli.Parsing;

/// <summary>The value of <c>--evidence kind:reference</c>.</summary>
/// <param name="Kind">The evidence kind in upper snake case (<c>SMS_OTP</c>).</param>
/// <param name="Reference">The partner's opaque reference, 1..200 characters.</param>
internal sealed record EvidenceValue(string Kind, string Reference)
{
    public const int MaxReferenceLength = 200;

    /// <summary>Parses <c>sms-otp:ref-123</c>; returns null and a reason when it is not valid.</summary>
    public static EvidenceValue? TryParse(string text, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var kindToken = colon < 0 ? text : text[..colon];
        var kind = EnumToken.TryCanonical(kindToken, EnumToken.EvidenceKinds);
        if (colon < 0 || kind is null)
        {
            error = $"'{kindToken}' is not an evidence kind; use <kind>:<reference> with kind one of: "
                + string.Join(", ", EnumToken.EvidenceKinds.Select(EnumToken.ToKebab)) + ".";
            return null;
        }

        var reference = text[(colon + 1)..];
        if (reference.Length is 0 or > MaxReferenceLength)
        {
            error = $"The evidence reference must be 1..{MaxReferenceLength} characters.";
            return null;
        }

        error = null;
        return new EvidenceValue(kind, reference);
    }
}
