namespace Registry.Cli.Tests.EndToEnd;

/// <summary>The CLI import's scenarios against the service on PostgreSQL (its set-based import path).</summary>
public sealed class PostgresCliImportScenarioTests : CliImportScenarioTests, IClassFixture<PostgresServiceFixture>
{
    public PostgresCliImportScenarioTests(PostgresServiceFixture fixture)
        : base(fixture) => PostgresServiceFixture.SkipUnlessAvailable();
}
