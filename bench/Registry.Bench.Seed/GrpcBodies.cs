using System.Buffers.Binary;
using Google.Protobuf;
using Grpc.Health.V1;
using Registry.Protos.V1;

namespace Registry.Bench.Seed;

/// <summary>
/// Writes the request bodies h2load sends (gRPC framing: a 0 byte, the big-endian length, then the protobuf message)
/// for the cases of issue 8's table, from a seeded manifest. Each check body repeats one request id, so after its
/// first call (which uses the consent once) every call is answered as a retry through the full check path.
/// </summary>
public static class GrpcBodies
{
    public static IReadOnlyList<string> Write(SeedManifest manifest, string directory, int pick)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        Directory.CreateDirectory(directory);
        var run = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4));
        var found = Pick(manifest, SeedManifest.RecordFound, pick);
        var none = Pick(manifest, SeedManifest.NoRecord, pick);
        var bodies = new (string Name, IMessage Message)[]
        {
            ("public-key", new GetPublicKeyRequest()),
            ("health", new HealthCheckRequest()),
            ("check-found", Check(found.ConsentId, found.H1, $"h2load-found-{run}")),
            ("check-no-record", Check(none.ConsentId, none.H1, $"h2load-no-record-{run}")),
            // A well-formed id that no consent has: refused with CONSENT_NOT_FOUND (and audited).
            ("check-refused", Check("c_" + Convert.ToBase64String(new byte[24]).Replace('+', '-').Replace('/', '_'), found.H1, $"h2load-refused-{run}")),
            // 100 items of 100 different consents (half finding a record), each with its own repeated request id.
            ("check-batch", Batch(manifest, pick, run)),
        };
        var written = new List<string>();
        foreach (var (name, message) in bodies)
        {
            var path = Path.Combine(directory, name + ".bin");
            File.WriteAllBytes(path, Frame(message));
            written.Add(path);
        }

        // What the script needs to start the service and authenticate, sourceable by bash (single-quoted: no expansion).
        var env = Path.Combine(directory, "keys.env");
        File.WriteAllText(env, string.Join('\n',
            $"PARTNER_KEY='{manifest.Partner.ApiKey}'",
            $"AUDITOR_KEY='{manifest.Auditor.ApiKey}'",
            $"SUBJECT_KEY_ID='{manifest.SubjectKey.KeyId}'",
            $"SUBJECT_KEY_SECRET='{manifest.SubjectKey.Secret}'",
            $"SIGNING_KEY='{manifest.SigningKey}'") + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(env, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        written.Add(env);
        return written;
    }

    /// <summary>The outcome of a framed <c>CheckResponse</c> (as curl saved it), e.g. <c>RecordFound</c>.</summary>
    public static string CheckOutcome(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 5)
        {
            return "none";
        }

        var length = (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(1));
        return CheckResponse.Parser.ParseFrom(bytes, 5, length).Outcome.ToString();
    }

    public static byte[] Frame(IMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var payload = message.ToByteArray();
        var frame = new byte[5 + payload.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)payload.Length);
        payload.CopyTo(frame, 5);
        return frame;
    }

    private static SeedConsent Pick(SeedManifest manifest, string expected, int pick)
    {
        var matching = manifest.Consents.Where(c => c.Expected == expected).ToArray();
        return matching.Length == 0
            ? throw new InvalidOperationException($"The manifest has no consent expecting {expected}.")
            : matching[pick % matching.Length];
    }

    private static CheckBatchRequest Batch(SeedManifest manifest, int pick, string run)
    {
        var batch = new CheckBatchRequest();
        for (var i = 0; i < 100; i++)
        {
            var consent = Pick(manifest, i % 2 == 0 ? SeedManifest.RecordFound : SeedManifest.NoRecord, pick + 1 + (i / 2));
            batch.Items.Add(Check(consent.ConsentId, consent.H1, $"h2load-batch-{run}-{i}"));
        }

        return batch;
    }

    private static CheckRequest Check(string consentId, string h1, string requestId) => new()
    {
        ConsentId = consentId,
        H1 = ByteString.FromBase64(h1),
        Purpose = Purpose.DatingSafety,
        RequestId = requestId,
    };
}
