using System.Globalization;

namespace Registry.Bench.Seed;

/// <summary>
/// <c>seed --database FILE [--records 1000000] [--consents 100000] [--found-fraction 0.5] [--two-identity-fraction 0.05]
/// [--subject-key-secret BASE64 --subject-key-id ID] [--seed 42] [--overwrite true]</c>; on PostgreSQL
/// <c>seed --provider postgres --connection "Host=…;Port=…;Username=…;Database=NAME" --manifest FILE [the same options]</c>.
/// </summary>
public sealed record SeedArguments(
    string? Database,
    int Records,
    int Consents,
    double FoundFraction,
    double TwoIdentityFraction,
    string? SubjectKeySecret,
    string SubjectKeyId,
    int Seed,
    bool Overwrite,
    SeedProvider Provider = SeedProvider.Sqlite,
    string? Connection = null,
    string? Manifest = null)
{
    public static SeedArguments Parse(IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        string? Text(string name) => values.TryGetValue(name, out var v) ? v : null;
        int Int(string name, int fallback) => Text(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        double Real(string name, double fallback) => Text(name) is { } v ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;
        var provider = Text("provider") switch
        {
            null or "sqlite" => SeedProvider.Sqlite,
            "postgres" => SeedProvider.Postgres,
            var other => throw new ArgumentException($"--provider must be sqlite or postgres, not '{other}'"),
        };
        var arguments = new SeedArguments(
            Text("database"),
            Int("records", 1_000_000),
            Int("consents", 100_000),
            Real("found-fraction", 0.5),
            Real("two-identity-fraction", 0.05),
            Text("subject-key-secret"),
            Text("subject-key-id") ?? "bench1",
            Int("seed", 42),
            Text("overwrite") is "true" or "1" or "yes",
            provider,
            Text("connection"),
            Text("manifest"));
        return provider switch
        {
            SeedProvider.Sqlite when arguments.Database is null => throw new ArgumentException("--database FILE is required"),
            SeedProvider.Postgres when arguments.Connection is null || arguments.Manifest is null =>
                throw new ArgumentException("--provider postgres needs --connection CONNECTION-STRING (with Database=NAME) and --manifest FILE"),
            _ => arguments,
        };
    }

    /// <summary>Reads <c>--name value</c> pairs after the verb.</summary>
    public static Dictionary<string, string> Pairs(IReadOnlyList<string> args, int start)
    {
        ArgumentNullException.ThrowIfNull(args);
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = start; i < args.Count; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                throw new ArgumentException($"expected --name value, got '{args[i]}'");
            }

            values[args[i][2..]] = args[i + 1];
        }

        return values;
    }
}
