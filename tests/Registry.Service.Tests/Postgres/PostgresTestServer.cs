namespace Registry.Service.Tests.Postgres;

/// <summary>
/// The PostgreSQL server the tests run against: <c>REGISTRY_TEST_POSTGRES</c>, a connection string to a server (any
/// database; each fixture creates its own). Without it the PostgreSQL tests are skipped, unless
/// <c>REGISTRY_REQUIRE_POSTGRES=1</c> (set by .ci/run), which makes them fail instead. xUnit skips from a test class's
/// constructor, not from a fixture: fixtures build nothing when <see cref="ConnectionString"/> is null, and every
/// PostgreSQL test class calls <see cref="SkipUnlessAvailable"/> in its constructor.
/// </summary>
public static class PostgresTestServer
{
    public static string? ConnectionString =>
        Environment.GetEnvironmentVariable("REGISTRY_TEST_POSTGRES") is { Length: > 0 } value ? value : null;

    public static void SkipUnlessAvailable()
    {
        if (ConnectionString is not null)
        {
            return;
        }

        Assert.False(Environment.GetEnvironmentVariable("REGISTRY_REQUIRE_POSTGRES") == "1",
            "REGISTRY_REQUIRE_POSTGRES=1 but REGISTRY_TEST_POSTGRES is not set: .ci/run starts a server and sets both.");
        Assert.Skip("Skipped: no PostgreSQL. Set REGISTRY_TEST_POSTGRES to a server's connection string to run it.");
    }
}

/// <summary>The in-process service on a fresh PostgreSQL database of its own; an idle SQLite one when there is no server.</summary>
public sealed class PostgresAppFactory : Infrastructure.RegistryAppFactory
{
    public PostgresAppFactory()
    {
        if (PostgresTestServer.ConnectionString is { } server)
        {
            WithPostgres(server);
        }
    }
}
