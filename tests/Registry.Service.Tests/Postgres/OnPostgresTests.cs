using Registry.Service.Tests.Checks;
using Registry.Service.Tests.Consent;
using Registry.Service.Tests.Partners;

namespace Registry.Service.Tests.Postgres;

// The same tests as on SQLite, through the real gRPC pipeline, on a PostgreSQL database of their own: checks (every
// outcome, disclosure rules, batches), every consent refusal, grants/revocations, retried checks, and authentication.

public sealed class CheckGrpcServiceOnPostgresTests : CheckGrpcServiceTests, IClassFixture<PostgresAppFactory>
{
    public CheckGrpcServiceOnPostgresTests(PostgresAppFactory factory)
        : base(factory) => PostgresTestServer.SkipUnlessAvailable();
}

public sealed class ConsentRefusalOnPostgresTests : ConsentRefusalTests, IClassFixture<PostgresAppFactory>
{
    public ConsentRefusalOnPostgresTests(PostgresAppFactory factory)
        : base(factory) => PostgresTestServer.SkipUnlessAvailable();
}

public sealed class ConsentGrpcServiceOnPostgresTests : ConsentGrpcServiceTests, IClassFixture<PostgresAppFactory>
{
    public ConsentGrpcServiceOnPostgresTests(PostgresAppFactory factory)
        : base(factory) => PostgresTestServer.SkipUnlessAvailable();
}

public sealed class CheckRepeatOnPostgresTests : CheckRepeatTests, IClassFixture<PostgresAppFactory>
{
    public CheckRepeatOnPostgresTests(PostgresAppFactory factory)
        : base(factory) => PostgresTestServer.SkipUnlessAvailable();
}

public sealed class AuthenticationOnPostgresTests : AuthenticationTests, IClassFixture<PostgresAppFactory>
{
    public AuthenticationOnPostgresTests(PostgresAppFactory factory)
        : base(factory) => PostgresTestServer.SkipUnlessAvailable();
}
