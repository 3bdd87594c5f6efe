namespace Registry.Cli.Tests.EndToEnd;

/// <summary>The CLI import's scenarios against the service on SQLite.</summary>
public sealed class SqliteCliImportScenarioTests(ServiceFixture fixture) : CliImportScenarioTests(fixture), IClassFixture<ServiceFixture>;
