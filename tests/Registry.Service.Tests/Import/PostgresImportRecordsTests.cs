namespace Registry.Service.Tests.Import;

/// <summary>The import's scenarios on a real PostgreSQL database: the set-based path with binary COPY.</summary>
public sealed class PostgresImportRecordsTests : ImportRecordsTests, IClassFixture<PostgresImportAppFactory>
{
    public PostgresImportRecordsTests(PostgresImportAppFactory factory)
        : base(factory) => PostgresImportAppFactory.SkipUnlessAvailable();
}
