using Microsoft.AspNetCore.Hosting;
using Npgsql;
using Registry.Client.Transparency;

namespace Registry.Cli.Tests.EndToEnd;

/// <summary>
/// <see cref="ServiceFixture"/> on a fresh PostgreSQL database (dropped on disposal) of the server <c>REGISTRY_TEST_POSTGRES</c>
/// names. Without that variable it is never started, and its tests skip (<see cref="SkipUnlessAvailable"/>), or fail
/// when <c>REGISTRY_REQUIRE_POSTGRES=1</c>.
/// </summary>
public sealed class PostgresServiceFixture : ServiceFixture
{
    private readonly string? _database;

    public PostgresServiceFixture()
    {
        if (ServerConnectionString is not { } server)
        {
            return;
        }

        var builder = new NpgsqlConnectionStringBuilder(server);
        var name = "registry_cli_test_" + Guid.NewGuid().ToString("N");
        using (var connection = new NpgsqlConnection(builder.ConnectionString))
        {
            connection.Open();
            using var create = connection.CreateCommand();
            create.CommandText = $"CREATE DATABASE {name}";
            create.ExecuteNonQuery();
        }

        builder.Database = name;
        _database = builder.ConnectionString;
    }

    public static string? ServerConnectionString =>
        Environment.GetEnvironmentVariable("REGISTRY_TEST_POSTGRES") is { Length: > 0 } value ? value : null;

    public static void SkipUnlessAvailable()
    {
        if (ServerConnectionString is null)
        {
            Assert.False(Environment.GetEnvironmentVariable("REGISTRY_REQUIRE_POSTGRES") == "1",
                "REGISTRY_REQUIRE_POSTGRES=1, but REGISTRY_TEST_POSTGRES names no PostgreSQL server.");
            Assert.Skip("Skipped: no PostgreSQL here. Set REGISTRY_TEST_POSTGRES to a server connection string to run it.");
        }
    }

    protected override void ConfigureDatabase(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSetting("Registry:Database:Provider", "Postgres");
        builder.UseSetting("ConnectionStrings:Registry", _database);
        // Development generates the checkpoint signing key beside a SQLite file only; a server database needs one given.
        using var signer = NoteSigner.Generate("registry.example/cli-tests");
        builder.UseSetting("Registry:Audit:SigningKey", signer.ExportSignerKey());
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _database is not null && ServerConnectionString is { } server)
        {
            NpgsqlConnection.ClearAllPools();
            using var connection = new NpgsqlConnection(server);
            connection.Open();
            using var drop = connection.CreateCommand();
            drop.CommandText = $"DROP DATABASE IF EXISTS {new NpgsqlConnectionStringBuilder(_database).Database} WITH (FORCE)";
            drop.ExecuteNonQuery();
        }
    }
}
