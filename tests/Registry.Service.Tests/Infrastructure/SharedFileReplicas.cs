using Microsoft.Data.Sqlite;
using Registry.Protos.V1;
using Registry.Service.Tests.Audit;

namespace Registry.Service.Tests.Infrastructure;

/// <summary>
/// Real service processes (<see cref="ServiceProcess"/>) sharing one SQLite file in a temp directory: replicas of
/// one deployment. Started one at a time and awaited until each answers; all killed on <see cref="Dispose"/>.
/// </summary>
public sealed class SharedFileReplicas : IDisposable
{
    // A deadline, not a wait: a fresh database migrates in ~2 s on a quiet machine but took ~40 s with a load average of 25.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "registry-tests", Guid.NewGuid().ToString("N"));
    private readonly List<ServiceProcess> _processes = [];

    public SharedFileReplicas() => Directory.CreateDirectory(_directory);

    public string DatabasePath => Path.Combine(_directory, "registry.db");

    public string AdminKeyFile => Path.Combine(_directory, "admin.key");

    public IReadOnlyList<ServiceProcess> Processes => _processes;

    /// <summary>The outputs of every process, for failure messages.</summary>
    public string Outputs => string.Join("\n--\n", _processes.Select(p => p.Output));

    public async Task<ServiceProcess> StartAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        var process = ServiceProcess.Start(DatabasePath, AdminKeyFile);
        _processes.Add(process);
        await Eventually.UntilAsync(async () =>
        {
            Assert.False(process.HasExited, "the service process exited:\n" + process.Output);
            if (!File.Exists(AdminKeyFile))
            {
                return false;
            }

            var key = (await File.ReadAllTextAsync(AdminKeyFile, ct)).Trim();
            await new AdminService.AdminServiceClient(process.CreateChannel(key)).ListPartnersAsync(new ListPartnersRequest(), cancellationToken: ct);
            return true;
        }, StartTimeout, () => $"the service on port {process.Port} to answer; output:\n{process.Output}");
        return process;
    }

    public async Task<string> AdminKeyAsync() => (await File.ReadAllTextAsync(AdminKeyFile, TestContext.Current.CancellationToken)).Trim();

    /// <summary>A connection to the shared file, outside every service process (pooling off, so nothing lingers).</summary>
    public async Task<SqliteConnection> OpenAsync(bool readOnly = true)
    {
        var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False{(readOnly ? ";Mode=ReadOnly" : string.Empty)}");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        return connection;
    }

    public void Dispose()
    {
        foreach (var process in _processes)
        {
            process.Dispose();
        }

        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
