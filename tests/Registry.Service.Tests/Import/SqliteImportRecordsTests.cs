using Registry.Service.Tests.Infrastructure;

namespace Registry.Service.Tests.Import;

/// <summary>The import's scenarios on a real SQLite file: the per-row prepared path.</summary>
public sealed class SqliteImportRecordsTests(RegistryAppFactory factory) : ImportRecordsTests(factory), IClassFixture<RegistryAppFactory>;
