using System.Buffers.Binary;
using Google.Protobuf;
using Grpc.Health.V1;
using Registry.Protos.V1;

namespace Registry.Bench.Seed;

/// <summary>
/// Writes the request bodies h2load sends (gRPC framing: a 0 byte, the big-endian length, then the protobuf message)
/// for the cases of issue 8's table, from a seeded manifest. h2load sends one body over and over, so:
/// <list type="bullet">
/// <item><c>check-found</c>, <c>check-no-record</c>, <c>check-refused</c> and the items of <c>check-batch</c> carry no
/// request id: every call is a new, audited check that counts a use (a use-count UPDATE and an audit entry committed
/// together). A consent allows at most 100 uses, so the script lifts the limit of exactly these consents in its copy
/// of the database with <c>lift-uses.sql</c>, written here.</item>
/// <item><c>check-replay</c> repeats one request id on a consent of its own: after its first call every call is a
/// retry given the first answer again under the first entry (the consent and the records are read, nothing is
/// written).</item>
/// </list>
/// </summary>
public static class GrpcBodies
{
    /// <summary>The file of the one UPDATE that lifts the use limit of the consents the bodies use again and again.</summary>
    public const string LiftUsesFile = "lift-uses.sql";

    public static IReadOnlyList<string> Write(SeedManifest manifest, string directory, int pick)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        Directory.CreateDirectory(directory);
        var run = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4));
        var found = Pick(manifest, SeedManifest.RecordFound, pick);
        var none = Pick(manifest, SeedManifest.NoRecord, pick);
        // Past the batch's 50 consents of each kind, so that no other body touches its request id.
        var replayed = Pick(manifest, SeedManifest.RecordFound, pick + 51);
        var batch = Batch(manifest, pick);
        var bodies = new (string Name, IMessage Message)[]
        {
            ("public-key", new GetPublicKeyRequest()),
            ("health", new HealthCheckRequest()),
            ("check-found", Check(found.ConsentId, found.H1, null)),
            ("check-no-record", Check(none.ConsentId, none.H1, null)),
            ("check-replay", Check(replayed.ConsentId, replayed.H1, $"h2load-replay-{run}")),
            // A well-formed id that no consent has: refused with CONSENT_NOT_FOUND (and audited).
            ("check-refused", Check("c_" + Convert.ToBase64String(new byte[24]).Replace('+', '-').Replace('/', '_'), found.H1, null)),
            // 100 items of 100 different consents (half finding a record), each a new use.
            ("check-batch", batch),
        };
        var written = new List<string>();
        foreach (var (name, message) in bodies)
        {
            var path = Path.Combine(directory, name + ".bin");
            File.WriteAllBytes(path, Frame(message));
            written.Add(path);
        }

        // The same SQL on SQLite and PostgreSQL (unquoted names); ids are the seeder's own base64url, nothing to escape.
        var lifted = batch.Items.Select(i => i.ConsentId).Append(found.ConsentId).Append(none.ConsentId).Distinct();
        var lift = Path.Combine(directory, LiftUsesFile);
        File.WriteAllText(lift, $"UPDATE consents SET MaxUses = 2000000000 WHERE Id IN ({string.Join(", ", lifted.Select(id => $"'{id}'"))});\n");
        written.Add(lift);

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

    private static CheckBatchRequest Batch(SeedManifest manifest, int pick)
    {
        var batch = new CheckBatchRequest();
        for (var i = 0; i < 100; i++)
        {
            var consent = Pick(manifest, i % 2 == 0 ? SeedManifest.RecordFound : SeedManifest.NoRecord, pick + 1 + (i / 2));
            batch.Items.Add(Check(consent.ConsentId, consent.H1, null));
        }

        return batch;
    }

    private static CheckRequest Check(string consentId, string h1, string? requestId)
    {
        var request = new CheckRequest { ConsentId = consentId, H1 = ByteString.FromBase64(h1), Purpose = Purpose.DatingSafety };
        if (requestId is not null)
        {
            request.RequestId = requestId;
        }

        return request;
    }
}
