using System.Globalization;
using System.Text.RegularExpressions;

namespace Registry.Cli.Parsing;

/// <summary>Reads durations such as <c>7d</c>, <c>12h</c>, <c>30m</c>, <c>90s</c> or <c>1d12h</c>.</summary>
internal static partial class DurationParser
{
    /// <summary>Parses <paramref name="text"/>; returns false with a reason when it is not a positive duration.</summary>
    public static bool TryParse(string text, out TimeSpan duration, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        duration = TimeSpan.Zero;
        var match = DurationPattern().Match(text.Trim());
        if (!match.Success)
        {
            error = $"'{text}' is not a duration; use a number and a unit d, h, m or s, e.g. 7d, 12h or 1d12h.";
            return false;
        }

        try
        {
            foreach (Capture part in match.Groups["part"].Captures)
            {
                var value = long.Parse(part.Value[..^1], NumberStyles.None, CultureInfo.InvariantCulture);
                duration += part.Value[^1] switch
                {
                    'd' or 'D' => TimeSpan.FromDays(value),
                    'h' or 'H' => TimeSpan.FromHours(value),
                    'm' or 'M' => TimeSpan.FromMinutes(value),
                    _ => TimeSpan.FromSeconds(value),
                };
            }
        }
        catch (Exception ex) when (ex is OverflowException or ArgumentOutOfRangeException)
        {
            error = $"'{text}' is too long a duration.";
            return false;
        }

        if (duration <= TimeSpan.Zero)
        {
            error = $"'{text}' must be longer than zero.";
            return false;
        }

        error = null;
        return true;
    }

    [GeneratedRegex(@"^(?<part>[0-9]{1,9}[dhmsDHMS])+$", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();
}
