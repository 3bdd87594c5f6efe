using Npgsql;
using Registry.Service.Tests.Infrastructure;

namespace Registry.Service.Tests.Import;

/// <summary>
/// The in-process service on a fresh PostgreSQL database of the server <c>REGISTRY_TEST_POSTGRES</c> names (dropped when
/// the factory is disposed). Without that variable the factory is never started and its tests skip, or fail when
/// <c>REGISTRY_REQUIRE_POSTGRES=1</c> says PostgreSQL must be there (CI).
/// </summary>
public sealed class PostgresImportAppFactory : RegistryAppFactory
{
    public PostgresImportAppFactory()
    {
        if (ServerConnectionString is { } server)
        {
            WithPostgres(server);
        }
    }

    public static string? ServerConnectionString =>
        Environment.GetEnvironmentVariable("REGISTRY_TEST_POSTGRES") is { Length: > 0 } value ? value : null;

    /// <summary>Skips the calling test (from its constructor: the whole class) when there is no PostgreSQL to run on.</summary>
    public static void SkipUnlessAvailable()
    {
        if (ServerConnectionString is null)
        {
            Assert.False(Environment.GetEnvironmentVariable("REGISTRY_REQUIRE_POSTGRES") == "1",
                "REGISTRY_REQUIRE_POSTGRES=1, but REGISTRY_TEST_POSTGRES names no PostgreSQL server.");
            Assert.Skip("Skipped: no PostgreSQL here. Set REGISTRY_TEST_POSTGRES to a server connection string to run it.");
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && PostgresConnectionString is { } database && ServerConnectionString is { } server)
        {
            NpgsqlConnection.ClearAllPools();
            var name = new NpgsqlConnectionStringBuilder(database).Database;
            using var connection = new NpgsqlConnection(server);
            connection.Open();
            using var drop = connection.CreateCommand();
            drop.CommandText = $"DROP DATABASE IF EXISTS {name} WITH (FORCE)";
            drop.ExecuteNonQuery();
        }
    }
}
