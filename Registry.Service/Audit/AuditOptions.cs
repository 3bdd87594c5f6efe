using System.ComponentModel.DataAnnotations;

namespace Registry.Service.Audit;

/// <summary>The access log: group commit, sequencing and checkpoint signing (<c>Registry:Audit</c>).</summary>
public sealed class AuditOptions
{
    public const string SectionName = "Registry:Audit";

    /// <summary>At most this many entries per group commit. Default 512.</summary>
    [Range(1, 10_000)]
    public int MaxBatchSize { get; set; } = 512;

    /// <summary>
    /// How long the writer lingers for more entries when a batch is not full, only under load (the previous batch
    /// held more than one entry). Default zero: batches fill while the previous commit syncs, and 2 ms of lingering
    /// measured no gain at 64 calls in flight (docs/benchmarks.md).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:01")]
    public TimeSpan MaxBatchWait { get; set; } = TimeSpan.Zero;

    /// <summary>Entries that may wait for the writer before callers are held back. Default 8192.</summary>
    [Range(1, 1_000_000)]
    public int QueueCapacity { get; set; } = 8192;

    /// <summary>How often the lease holder numbers new entries and signs a checkpoint. Default 1 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan SequencerInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// SQLite only: the writer starts the WAL over (a RESTART checkpoint between two batches, which stalls the writer for
    /// a few milliseconds) only once the WAL holds at least this many frames after the cycle's PASSIVE checkpoint. Default
    /// 16,384 (64 MiB at 4 KiB pages): at 9,000 checks a second that is every few seconds instead of every cycle, so fewer
    /// checks wait behind a restart (docs/benchmarks.md); below it the WAL is overwritten from its start after each
    /// restart anyway. 0 starts it over every cycle.
    /// </summary>
    [Range(0, 10_000_000)]
    public int WalRestartFrames { get; set; } = 16_384;

    /// <summary>How long a sequencer lease lasts without renewal; another replica takes over after it. Default 10 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// At most this many entries are sequenced per transaction (each ends in a signed checkpoint); a cycle runs
    /// transactions until nothing is pending. Default 500: the write lock is then held for a few milliseconds at a
    /// time, not for one long transaction that stalls every caller waiting on the audit writer.
    /// </summary>
    [Range(1, 1_000_000)]
    public int SequencerBatchSize { get; set; } = 500;

    /// <summary>The checkpoint origin line (C2SP tlog-checkpoint), e.g. <c>registry.example/log</c>.</summary>
    [Required]
    [RegularExpression(@"^[\x21-\x7E]{1,200}$")]
    public string Origin { get; set; } = "registry.example/log";

    /// <summary>
    /// The Ed25519 signer key in the C2SP note format (<c>PRIVATE+KEY+name+id+base64</c>). Takes precedence
    /// over <see cref="SigningKeyFile"/>.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>
    /// A file holding the signer key (a relative path is relative to the content root). Outside Production, when neither is set, a key named after
    /// <see cref="Origin"/> is generated in <c>audit-signing.key</c> beside the SQLite database; in
    /// Production a missing key stops the service at start-up.
    /// </summary>
    public string? SigningKeyFile { get; set; }
}
