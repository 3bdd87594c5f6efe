using System.Text.Json;
using System.Text.Json.Serialization;

namespace Registry.Bench.Seed;

/// <summary>
/// What the load tools need to drive a seeded database, written next to it as <c>&lt;database&gt;.manifest.json</c>:
/// the API keys, the subject key K and the signing key the service must be started with, and every consent with its
/// h1 and the outcome expected at <see cref="GeneratedAt"/>. Secrets of a throw-away benchmark database only.
/// </summary>
public sealed record SeedManifest(
    int Version,
    DateTime GeneratedAt,
    string Database,
    int Seed,
    long Records,
    long RecordSubjects,
    long TwoIdentityRecords,
    SeedSubjectKey SubjectKey,
    string SigningKey,
    SeedCaller Partner,
    SeedCaller Auditor,
    SeedCaller Admin,
    IReadOnlyList<SeedConsent> Consents)
{
    public const string RecordFound = "RECORD_FOUND";
    public const string NoRecord = "NO_RECORD";

    public static string PathFor(string database) => database + ".manifest.json";

    public void Write(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, SeedJsonContext.Default.SeedManifest));

    public static SeedManifest Read(string path) =>
        JsonSerializer.Deserialize(File.ReadAllText(path), SeedJsonContext.Default.SeedManifest)
        ?? throw new InvalidDataException($"{path} holds no manifest.");
}

/// <summary>The subject key K (base64) and its id: start the service with these or no h1 matches.</summary>
public sealed record SeedSubjectKey(string KeyId, string Secret);

/// <summary>A partner, auditor or admin and its API key.</summary>
public sealed record SeedCaller(string PartnerId, string Name, string ApiKey);

/// <summary>A consent (DATING_SAFETY, SUMMARY, max_uses 100) of the seeded partner, its subject's h1 (base64) and the expected outcome.</summary>
public sealed record SeedConsent(string ConsentId, string H1, string Expected);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = false)]
[JsonSerializable(typeof(SeedManifest))]
internal sealed partial class SeedJsonContext : JsonSerializerContext;
