using System.Buffers;

namespace Registry.Service.Import;

/// <summary>
/// Import job ids: <c>imp_</c> and a version 7 GUID in 32 lower-case hex digits, so that their ordinal order is the order
/// in which the jobs started (to the millisecond), which <see cref="ImportJobQuery"/> pages by.
/// </summary>
public static class ImportJobIds
{
    private const string Prefix = "imp_";

    private static readonly SearchValues<char> Hex = SearchValues.Create("0123456789abcdef");

    public const int Length = 36;

    public static string New(DateTimeOffset now) => Prefix + Guid.CreateVersion7(now).ToString("N");

    public static bool IsValid(string id) =>
        id.Length == Length && id.StartsWith(Prefix, StringComparison.Ordinal) && !id.AsSpan(Prefix.Length).ContainsAnyExcept(Hex);
}
