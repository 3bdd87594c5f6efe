using System.Buffers.Binary;
using Microsoft.Extensions.DependencyInjection;
using Registry.Service.Audit;
using Registry.Service.Tests.Infrastructure;

namespace Registry.Service.Tests.Audit;

/// <summary>
/// SQLite starts a WAL over only when a write transaction begins with all of the WAL copied into the database. A writer
/// that never idles appends frames while the sequencer's PASSIVE checkpoint copies, so without the writer's own restart
/// step (<see cref="AuditBatchWriter.StartWalOver"/>) the WAL grew for ever.
/// </summary>
public sealed class AuditWalRestartTests
{
    private const int Appenders = 16;
    private const int EntriesPerCycle = 2_000;
    private const int Cycles = 4;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SequencingCycles_WhileEntriesArriveWithoutPause_StartTheWalOverEveryCycle()
    {
        // Threshold 0: every cycle asks the writer to start the WAL over.
        using var factory = new RegistryAppFactory().With("Registry:Audit:WalRestartFrames", "0");
        var restarts = await RunCyclesAsync(factory, Cycles);

        Assert.Equal(Cycles, restarts);
    }

    [Fact]
    public async Task SequencingCycles_WhileTheWalIsBelowTheRestartThreshold_LeaveItToGrow()
    {
        // The same load with a threshold no test reaches: the cycles only copy the WAL, the writer never stalls on a restart.
        using var factory = new RegistryAppFactory().With("Registry:Audit:WalRestartFrames", "10000000");
        var restarts = await RunCyclesAsync(factory, 2);

        Assert.Equal(0, restarts);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("10000001")]
    public void Start_WalRestartFramesOutOfRange_FailsNamingTheSetting(string value)
    {
        using var bad = new RegistryAppFactory().With("Registry:Audit:WalRestartFrames", value);

        var ex = Assert.ThrowsAny<Exception>(() => bad.Server);

        var validation = Assert.IsType<Microsoft.Extensions.Options.OptionsValidationException>(
            ExceptionChain.Find<Microsoft.Extensions.Options.OptionsValidationException>(ex));
        Assert.Contains("WalRestartFrames", validation.Message, StringComparison.Ordinal);
    }

    /// <summary>Runs <paramref name="cycles"/> cycles under a load that never pauses; returns after how many of them the WAL started over.</summary>
    private static async Task<int> RunCyclesAsync(RegistryAppFactory factory, int cycles)
    {
        await new RegistryScenario(factory).CreatePartnerKeyAsync(); // the service and its writer are up
        var log = factory.Services.GetRequiredService<IAuditLog>();
        var sequencer = factory.Services.GetRequiredService<AuditSequencer>();
        var walPath = factory.DatabasePath + "-wal";
        var restarts = 0;
        long appended = 0;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var appenders = Enumerable.Range(0, Appenders).Select(i => Task.Run(async () =>
        {
            var record = new AuditRecord { Action = AuditActions.AuditResume, Actor = null, Outcome = AuditOutcomes.Ok, Detail = $"appender {i}" };
            while (!stop.IsCancellationRequested)
            {
                await log.AppendAsync(record, null, CancellationToken.None);
                Interlocked.Increment(ref appended);
            }
        })).ToArray();

        try
        {
            for (var cycle = 0; cycle < cycles; cycle++)
            {
                // Enough frames for the PASSIVE copy to take longer than the writer's next commits.
                var target = Interlocked.Read(ref appended) + EntriesPerCycle;
                await Eventually.UntilAsync(() => Task.FromResult(Interlocked.Read(ref appended) >= target), TimeSpan.FromSeconds(60),
                    () => $"{EntriesPerCycle} more entries appended (at {Interlocked.Read(ref appended)})");
                var before = WalCheckpointSequence(walPath);
                await sequencer.SequenceOnceAsync(Ct);

                // Once the cycle is back, an entry queued from now on is in a batch after the writer's restart step. With
                // 2 × Appenders more entries written, one appender has queued and seen committed such an entry.
                var returned = Interlocked.Read(ref appended);
                await Eventually.UntilAsync(() => Task.FromResult(Interlocked.Read(ref appended) >= returned + (2 * Appenders)), TimeSpan.FromSeconds(60),
                    () => "two more entries per appender");

                // If that batch started the WAL over, SQLite recorded it in the WAL header's checkpoint number.
                if (before != WalCheckpointSequence(walPath))
                {
                    restarts++;
                }
            }
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(appenders);
        }

        var result = await sequencer.SequenceOnceAsync(Ct);
        Assert.True(result.IsHolder);
        Assert.Null(result.Problem);
        return restarts;
    }

    /// <summary>The WAL header's checkpoint sequence number (bytes 12–15, big-endian): one more each time the WAL starts over.</summary>
    private static uint WalCheckpointSequence(string walPath)
    {
        using var file = new FileStream(walPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        Span<byte> header = stackalloc byte[16];
        file.ReadExactly(header);
        return BinaryPrimitives.ReadUInt32BigEndian(header[12..]);
    }
}
