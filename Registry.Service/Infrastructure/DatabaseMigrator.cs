using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Registry.Service.Infrastructure;

/// <summary>
/// Creates and migrates the database before the service accepts calls (hosted services start before the
/// server), so that <c>dotnet run</c> just works on a fresh SQLite file.
/// </summary>
public sealed partial class DatabaseMigrator(
    IDbContextFactory<RegistryDbContext> contextFactory,
    IOptions<DatabaseOptions> options,
    ILogger<DatabaseMigrator> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var value = options.Value;
        if (!value.MigrateOnStart)
        {
            return;
        }

        if (SqliteDirectory(value) is { } directory)
        {
            try
            {
                Directory.CreateDirectory(directory);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new InvalidOperationException($"The database directory '{directory}' cannot be created: {ex.Message}", ex);
            }
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (value.Provider == DatabaseProvider.Sqlite)
        {
            // WAL is a property of the file: set once, it stays. It lets readers run beside the writer.
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        await db.Database.MigrateAsync(cancellationToken);
        LogMigrated(logger, value.Provider);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static string? SqliteDirectory(DatabaseOptions value) => DatabaseServiceCollectionExtensions.SqliteDirectory(value);

    [LoggerMessage(EventId = 1101, EventName = nameof(LogMigrated), Level = LogLevel.Information, Message = "Database ({Provider}) is migrated")]
    private static partial void LogMigrated(ILogger logger, DatabaseProvider provider);
}
