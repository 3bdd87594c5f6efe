using Npgsql;
using Registry.Service.Tests.Infrastructure;

[assembly: AssemblyFixture(typeof(PostgresServer))]

namespace Registry.Service.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server of the test run, found or started on first use: the one <c>REGISTRY_TEST_POSTGRES</c> names (an
/// Npgsql connection string, e.g. <c>Host=127.0.0.1;Port=55432;Username=postgres</c>); otherwise a throw-away server
/// (<see cref="ThrowawayPostgres"/>) when initdb and pg_ctl are installed, stopped when the run ends; otherwise none, and
/// the PostgreSQL tests are skipped with the reason, or fail when <c>REGISTRY_REQUIRE_POSTGRES=1</c> (CI sets it, so
/// they never skip silently there). Each test gets an empty database of its own (<see cref="CreateDatabaseAsync"/>).
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    public const string ConnectionStringVariable = "REGISTRY_TEST_POSTGRES";
    public const string RequiredVariable = "REGISTRY_REQUIRE_POSTGRES";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _probed;
    private string? _adminConnectionString;
    private string? _unavailable;
    private ThrowawayPostgres? _throwaway;

    /// <summary>Whether PostgreSQL tests must run (fail rather than skip without a server).</summary>
    public static bool IsRequired => Environment.GetEnvironmentVariable(RequiredVariable) == "1";

    /// <summary>
    /// A new, uniquely named, empty database (dropped when disposed). Skips the calling test when there is no server,
    /// or fails it when <see cref="IsRequired"/>.
    /// </summary>
    public async Task<PostgresDatabase> CreateDatabaseAsync(CancellationToken cancellationToken)
    {
        var admin = await AdminConnectionStringAsync(cancellationToken);
        var name = "registry_" + Guid.NewGuid().ToString("N");
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"CREATE DATABASE \"{name}\"";
        await command.ExecuteNonQueryAsync(cancellationToken);
        return new PostgresDatabase(admin, name);
    }

    /// <summary>A superuser connection string to the server's maintenance database; skips or fails as <see cref="CreateDatabaseAsync"/>.</summary>
    public async Task<string> AdminConnectionStringAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!_probed)
            {
                await ProbeAsync(cancellationToken);
                _probed = true;
            }
        }
        finally
        {
            _gate.Release();
        }

        if (_unavailable is not null && IsRequired)
        {
            Assert.Fail($"{RequiredVariable}=1 but {_unavailable}");
        }

        Assert.SkipWhen(_unavailable is not null, $"Skipped: {_unavailable}");
        return _adminConnectionString!;
    }

    public async ValueTask DisposeAsync()
    {
        if (_throwaway is not null)
        {
            await _throwaway.DisposeAsync();
        }

        _gate.Dispose();
    }

    private async Task ProbeAsync(CancellationToken cancellationToken)
    {
        var configured = Environment.GetEnvironmentVariable(ConnectionStringVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var builder = new NpgsqlConnectionStringBuilder(configured) { Pooling = false };
            builder.Database ??= "postgres";
            _adminConnectionString = builder.ConnectionString;
            try
            {
                await using var connection = new NpgsqlConnection(_adminConnectionString);
                await connection.OpenAsync(cancellationToken);
            }
            catch (NpgsqlException ex)
            {
                // Set but unreachable is a broken environment, not a missing server: fail even when not required.
                Assert.Fail($"{ConnectionStringVariable} is set but the server cannot be reached: {ex.Message}");
            }

            return;
        }

        var bin = ThrowawayPostgres.FindBinDirectory();
        if (bin is null)
        {
            _unavailable = $"no PostgreSQL server: {ConnectionStringVariable} is not set and initdb/pg_ctl are neither on PATH nor under " +
                "/usr/lib/postgresql/*/bin (apt-get install postgresql, or set the variable to an Npgsql connection string).";
            return;
        }

        try
        {
            _throwaway = await ThrowawayPostgres.StartAsync(bin, cancellationToken);
            _adminConnectionString = new NpgsqlConnectionStringBuilder(_throwaway.ConnectionString) { Pooling = false }.ConnectionString;
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            _unavailable = $"a throw-away PostgreSQL server could not be started from {bin}: {ex.Message}";
        }
    }
}
