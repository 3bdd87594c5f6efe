namespace Registry.Service.Tests.Postgres;

/// <summary>
/// The PostgreSQL server the tests run against: <c>REGISTRY_TEST_POSTGRES</c>, a connection string to a server (any
/// database; each test creates its own). Without it the PostgreSQL tests are skipped, unless
/// <c>REGISTRY_REQUIRE_POSTGRES=1</c> (set by .ci/run), which makes them fail instead.
/// </summary>
public static class PostgresTestServer
{
    public static string ConnectionStringOrSkip()
    {
        var connectionString = Environment.GetEnvironmentVariable("REGISTRY_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            Assert.False(Environment.GetEnvironmentVariable("REGISTRY_REQUIRE_POSTGRES") == "1",
                "REGISTRY_REQUIRE_POSTGRES=1 but REGISTRY_TEST_POSTGRES is not set: .ci/run starts a server and sets both.");
            Assert.Skip("Skipped: no PostgreSQL. Set REGISTRY_TEST_POSTGRES to a server's connection string to run it.");
        }

        return connectionString;
    }
}
