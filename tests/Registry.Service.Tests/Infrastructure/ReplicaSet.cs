using Grpc.Core;
using Registry.Protos.V1;
using Registry.Service.Tests.Audit;

namespace Registry.Service.Tests.Infrastructure;

/// <summary>
/// Replicas of one deployment: real service processes (<see cref="ServiceProcess"/>), each on its own port, sharing one
/// database (<see cref="ReplicaDatabase"/>: one SQLite file, or one PostgreSQL database), the subject key K, the audit
/// signing key and the first admin key's file. Started together, killed one by one for real (SIGKILL) or all on dispose.
/// </summary>
public sealed class ReplicaSet : IAsyncDisposable
{
    // A deadline, not a wait: three replicas start in ~10 s on a quiet machine, but took 84 s with a load average of 35.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(180);
    private readonly string _directory;
    private readonly List<ServiceProcess> _processes = [];

    private ReplicaSet(string directory, ReplicaDatabase database)
    {
        _directory = directory;
        Database = database;
    }

    public ReplicaDatabase Database { get; }

    public ReplicaProvider Provider => Database.Provider;

    /// <summary>The file the replica that bootstraps the empty database writes the first admin key to.</summary>
    public string AdminKeyFile => Path.Combine(_directory, "admin.key");

    public IReadOnlyList<ServiceProcess> Processes => _processes;

    /// <summary>The last lines of every process, for failure messages.</summary>
    public string Outputs => string.Join("\n--\n", _processes.Select(p => $"[pid {p.Id}, port {p.Port}]\n{p.Output}"));

    /// <summary>A set on a new empty database: a file in a temp directory, or a database of its own on <paramref name="postgres"/>.</summary>
    public static async Task<ReplicaSet> CreateAsync(ReplicaProvider provider, PostgresServer postgres, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(postgres);
        return provider == ReplicaProvider.Postgres
            ? new ReplicaSet(NewDirectory(), await postgres.CreateDatabaseAsync(cancellationToken))
            : CreateSqlite();
    }

    /// <summary>A set on a new SQLite file in a temp directory.</summary>
    public static ReplicaSet CreateSqlite()
    {
        var directory = NewDirectory();
        return new ReplicaSet(directory, new SqliteReplicaDatabase(Path.Combine(directory, "registry.db")));
    }

    /// <summary>
    /// Starts <paramref name="count"/> replicas at the same moment and waits until every one answers an admin call;
    /// <paramref name="configure"/> adds settings to each one's environment.
    /// </summary>
    public async Task<ServiceProcess[]> StartAsync(int count = 1, Action<IDictionary<string, string?>>? configure = null)
    {
        var started = Enumerable.Range(0, count).Select(_ => ServiceProcess.Start(AdminKeyFile, environment =>
        {
            Database.Configure(environment);
            configure?.Invoke(environment);
        })).ToArray();
        _processes.AddRange(started);
        await Task.WhenAll(started.Select(WaitUntilServingAsync));
        return started;
    }

    public async Task<string> AdminKeyAsync() => (await File.ReadAllTextAsync(AdminKeyFile, TestContext.Current.CancellationToken)).Trim();

    /// <summary>The holder of the audit sequencer lease (<c>machine/pid/guid</c>), or empty.</summary>
    public async Task<string> LeaseHolderAsync() =>
        (string?)await Database.ValueAsync("SELECT HolderId FROM sequencer_leases") ?? string.Empty;

    /// <summary>The running replica that holds the sequencer lease, or null.</summary>
    public async Task<ServiceProcess?> LeaseHolderProcessAsync()
    {
        var holder = await LeaseHolderAsync();
        return _processes.SingleOrDefault(p => !p.HasExited && holder.Contains($"/{p.Id}/", StringComparison.Ordinal));
    }

    /// <summary>Waits until every entry is sequenced and the last checkpoint covers them all.</summary>
    public Task WaitUntilAllSequencedAsync(string what, TimeSpan timeout) =>
        Eventually.UntilAsync(async () =>
            await Database.ScalarAsync("SELECT COUNT(*) FROM audit_entries WHERE Sequence IS NULL") == 0
            && await Database.ScalarAsync("SELECT COUNT(*) FROM audit_entries")
                == await Database.ScalarAsync("SELECT COALESCE(MAX(TreeSize), 0) FROM audit_checkpoints"),
            timeout, () => what + "; outputs:\n" + Outputs);

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            process.Dispose();
        }

        await Database.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    private static string NewDirectory()
    {
        var directory = Path.Combine(Path.GetTempPath(), "registry-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        return directory;
    }

    private async Task WaitUntilServingAsync(ServiceProcess process)
    {
        var ct = TestContext.Current.CancellationToken;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(StartTimeout);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        while (true)
        {
            // Outside the retried part: a replica that exited fails the start at once, with its output.
            if (process.HasExited)
            {
                await process.WaitForExitAsync(TimeSpan.FromSeconds(10)); // reads its output to the end
                Assert.Fail($"the {Provider} replica on port {process.Port} exited ({process.ExitCode}); stderr:\n" +
                    $"{string.Join('\n', process.Errors)}\nlast output:\n{process.Output}");
            }

            if (File.Exists(AdminKeyFile) && await AnswersAsync(process, deadline.Token))
            {
                return;
            }

            try
            {
                await timer.WaitForNextTickAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                Assert.Fail($"the {Provider} replica on port {process.Port} did not answer within {StartTimeout.TotalSeconds:0} s; output:\n{process.Output}");
            }
        }
    }

    private async Task<bool> AnswersAsync(ServiceProcess process, CancellationToken cancellationToken)
    {
        try
        {
            var key = (await File.ReadAllTextAsync(AdminKeyFile, cancellationToken)).Trim();
            using var channel = process.CreateChannel(key);
            await new AdminService.AdminServiceClient(channel).ListPartnersAsync(new ListPartnersRequest(), cancellationToken: cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is RpcException or IOException or HttpRequestException)
        {
            return false; // still starting, or the key file is being written
        }
    }
}
