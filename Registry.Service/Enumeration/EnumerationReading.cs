using System.Globalization;
using System.Text;

namespace Registry.Service.Enumeration;

/// <summary>The enumeration watch's signals (docs/enumeration.md).</summary>
[Flags]
public enum EnumerationSignal
{
    None = 0,

    /// <summary>More new subjects in the last minute than the partner's minute allowance.</summary>
    Burst = 1,

    /// <summary>More new subjects in the last hour than the partner's hourly allowance.</summary>
    Volume = 2,

    /// <summary>A share of checks finding a record far above the registry's base rate.</summary>
    HitRate = 4,

    /// <summary>Nearly every check made within seconds of its consent's grant, itself within seconds of its evidence.</summary>
    Scripted = 8,
}

/// <summary>What the watch saw of one partner at one moment, and the score its signals add up to.</summary>
public readonly record struct EnumerationReading(
    EnumerationSignal Signals,
    int Score,
    int NewSubjectsLastMinute,
    int MinuteAllowance,
    int NewSubjectsLastHour,
    int HourAllowance,
    int ChecksLastHour,
    int FoundLastHour,
    double BaseHitRate,
    int ScriptedLastHour)
{
    /// <summary>The signals' names, comma-separated ("none" when there are none), for metrics tags and log lines.</summary>
    public string SignalNames => Names(Signals);

    public static string Names(EnumerationSignal signals)
    {
        if (signals == EnumerationSignal.None)
        {
            return "none";
        }

        var names = new List<string>(4);
        if (signals.HasFlag(EnumerationSignal.Burst))
        {
            names.Add("burst");
        }

        if (signals.HasFlag(EnumerationSignal.Volume))
        {
            names.Add("volume");
        }

        if (signals.HasFlag(EnumerationSignal.HitRate))
        {
            names.Add("hit_rate");
        }

        if (signals.HasFlag(EnumerationSignal.Scripted))
        {
            names.Add("scripted");
        }

        return string.Join(',', names);
    }

    /// <summary>A bounded, one-line description for the audit entry and the alert (numbers only: no subject, no key).</summary>
    public string Describe()
    {
        var text = new StringBuilder(200);
        text.Append(CultureInfo.InvariantCulture,
            $"signals={SignalNames};score={Score};new_minute={NewSubjectsLastMinute}/{MinuteAllowance};new_hour={NewSubjectsLastHour}/{HourAllowance};");
        text.Append(CultureInfo.InvariantCulture,
            $"checks_hour={ChecksLastHour};found_hour={FoundLastHour};base_rate={BaseHitRate:0.0000};scripted_hour={ScriptedLastHour}");
        return text.ToString();
    }
}
