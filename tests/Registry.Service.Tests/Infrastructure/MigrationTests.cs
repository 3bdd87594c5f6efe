using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Registry.Service.Infrastructure;

namespace Registry.Service.Tests.Infrastructure;

/// <summary>Both providers' migrations match the model; SQL Server's script is generated without a server.</summary>
public sealed class MigrationTests
{
    [Fact]
    public void SqliteMigrations_HaveNoPendingModelChanges()
    {
        using var db = new SqliteRegistryDbContextDesignTimeFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(), "run: dotnet ef migrations add <Name> --context SqliteRegistryDbContext ...");
    }

    [Fact]
    public void SqlServerMigrations_HaveNoPendingModelChanges()
    {
        using var db = new SqlServerRegistryDbContextDesignTimeFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(), "run: dotnet ef migrations add <Name> --context SqlServerRegistryDbContext ...");
    }

    [Fact]
    public void SqlServerMigrations_GenerateAnIdempotentScriptWithoutAServer()
    {
        using var db = new SqlServerRegistryDbContextDesignTimeFactory().CreateDbContext([]);

        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        Assert.Contains("CREATE TABLE [audit_entries]", script, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE [consents]", script, StringComparison.Ordinal);
        Assert.Contains("varbinary(32)", script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SqlServer_WhenAConnectionStringIsGiven_Migrates()
    {
        var connectionString = Environment.GetEnvironmentVariable("REGISTRY_TEST_SQLSERVER");
        Assert.SkipWhen(string.IsNullOrEmpty(connectionString),
            "Skipped: no SQL Server here. Set REGISTRY_TEST_SQLSERVER to a connection string to run it.");
        var options = new DbContextOptionsBuilder<SqlServerRegistryDbContext>().UseSqlServer(connectionString).Options;
        await using var db = new SqlServerRegistryDbContext(options);

        await db.Database.MigrateAsync(TestContext.Current.CancellationToken);

        Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
    }
}
