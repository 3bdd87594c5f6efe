using Registry.Client.Transparency;

namespace Registry.Client.Tests.Transparency;

/// <summary>Builds a signed audit log of stored rows and checkpoints, then tampers with it like a database administrator could.</summary>
internal sealed class AuditLogBuilder : IDisposable
{
    public const int Size = 300;
    public static readonly int[] CheckpointSizes = [50, 100, 170, 256, 290];

    public AuditLogBuilder()
    {
        Signer = NoteSigner.Generate("registry.example/audit");
        Rows = Enumerable.Range(0, Size).Select(i => new AuditLogRow(i, Entry(i), AuditEntryEncoding.LeafHash(i, Entry(i)))).ToList();
        var frontier = new MerkleFrontier();
        foreach (var row in Rows)
        {
            frontier.Append(row.LeafHash);
            if (CheckpointSizes.Contains((int)frontier.Size))
            {
                Checkpoints.Add(new Checkpoint(Signer.Name, frontier.Size, frontier.RootHash()).Sign(Signer));
            }
        }
    }

    public NoteSigner Signer { get; }

    public List<AuditLogRow> Rows { get; }

    public List<string> Checkpoints { get; } = [];

    public static AuditEntryData Entry(int i) => new()
    {
        EntryId = $"ae_{i}",
        RecordedAt = DateTimeOffset.UnixEpoch.AddDays(20_000).AddSeconds(i),
        PartnerId = $"p{i % 3}",
        KeyId = "k1",
        Role = "ROLE_PARTNER",
        Action = "check",
        SubjectKey = Enumerable.Repeat((byte)i, 32).ToArray(),
        SubjectKeyId = "hk1",
        ConsentId = $"c{i}",
        Purpose = "DATING_SAFETY",
        Outcome = i % 2 == 0 ? "no_record" : "record_found",
        RequestId = $"r{i}",
    };

    public AuditLogBuilder Delete(int sequence, bool renumber = false)
    {
        Rows.RemoveAt(sequence);
        if (renumber)
        {
            Renumber(sequence, -1);
        }

        return this;
    }

    public AuditLogBuilder Modify(int sequence, bool rewriteHash = false)
    {
        var entry = Rows[sequence].Entry with { Outcome = "no_record", Reason = "TAMPERED" };
        var hash = rewriteHash ? AuditEntryEncoding.LeafHash(sequence, entry) : Rows[sequence].LeafHash;
        Rows[sequence] = Rows[sequence] with { Entry = entry, LeafHash = hash };
        return this;
    }

    public AuditLogBuilder InsertShifting(int sequence, bool validHash)
    {
        Renumber(sequence, +1);
        var entry = Entry(10_000);
        Rows.Insert(sequence, new AuditLogRow(sequence, entry, validHash ? AuditEntryEncoding.LeafHash(sequence, entry) : new byte[32]));
        return this;
    }

    public AuditLogBuilder InsertDuplicate(int sequence)
    {
        Rows.Insert(sequence + 1, new AuditLogRow(sequence, Entry(10_000), new byte[32]));
        return this;
    }

    // Swaps the positions (sequence numbers) of two whole rows; each keeps its content and stored hash.
    public AuditLogBuilder Swap(int a, int b)
    {
        (Rows[a], Rows[b]) = (Rows[b] with { Sequence = a }, Rows[a] with { Sequence = b });
        return this;
    }

    public AuditLogBuilder EditCheckpoint(int index, Func<string, string> edit)
    {
        Checkpoints[index] = edit(Checkpoints[index]);
        return this;
    }

    public void Dispose() => Signer.Dispose();

    private void Renumber(int fromIndex, int delta)
    {
        for (var i = fromIndex; i < Rows.Count; i++)
        {
            Rows[i] = Rows[i] with { Sequence = Rows[i].Sequence + delta };
        }
    }
}
